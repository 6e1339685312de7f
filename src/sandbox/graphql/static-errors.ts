import { type ASTNode, type DocumentNode, type GraphQLError, visit } from 'graphql';

/**
 * graphql-js validation errors in Shopify's words and shape (NOTES §11): an unknown field is
 * "Field 'x' doesn't exist on type 'T'" with code undefinedField, a leaf-less object field is
 * selectionMismatch, and both carry the path ["query Name", …fields] Shopify reports. Other rules get
 * Shopify's codes.
 */
export function staticError(error: GraphQLError, document: DocumentNode) {
  const path = error.nodes?.[0] ? pathTo(document, error.nodes[0]) : undefined;
  const unknownField = /^Cannot query field "(\w+)" on type "(\w+)"/.exec(error.message);
  if (unknownField) {
    const [, fieldName, typeName] = unknownField;
    return {
      message: `Field '${fieldName}' doesn't exist on type '${typeName}'`,
      locations: error.locations,
      ...(path ? { path } : {}),
      extensions: { code: 'undefinedField', typeName, fieldName },
    };
  }
  const noSelection = /^Field "(\w+)" of type "([\w!\][]+)" must have a selection of subfields/.exec(
    error.message,
  );
  if (noSelection) {
    const [, fieldName, type] = noSelection;
    const typeName = (type ?? '').replace(/[!\][]/g, '');
    return {
      message: `Field must have selections (field '${fieldName}' returns ${typeName} but has no selections. Did you mean '${fieldName} { ... }'?)`,
      locations: error.locations,
      ...(path ? { path } : {}),
      extensions: { code: 'selectionMismatch', nodeName: `field '${fieldName}'`, typeName },
    };
  }
  const unknownDirective = /^Unknown directive "@(\w+)"/.exec(error.message);
  if (unknownDirective) {
    return {
      message: `Directive @${unknownDirective[1]} is not defined`,
      locations: error.locations,
      extensions: { code: 'undefinedDirective', directiveName: unknownDirective[1] },
    };
  }
  const code = /argument "[^"]+" of type "[^"]+" is required/.test(error.message)
    ? 'missingRequiredArguments'
    : /^Unknown argument/.test(error.message)
      ? 'argumentNotAccepted'
      : /must not have a selection/.test(error.message)
        ? 'selectionMismatch'
        : /cannot represent|Expected value of type/.test(error.message)
          ? 'argumentLiteralsIncompatible'
          : /may not be used on/.test(error.message)
            ? 'directiveCannotBeApplied'
            : 'GRAPHQL_VALIDATION_FAILED';
  return { message: error.message, locations: error.locations, extensions: { code } };
}

/** ["query Name", "products", "nodes", "x"]: the operation, then the response keys down to the node. */
function pathTo(document: DocumentNode, target: ASTNode): string[] | undefined {
  const stack: string[] = [];
  let found: string[] | undefined;
  visit(document, {
    OperationDefinition: {
      enter(node) {
        stack.push(node.name ? `${node.operation} ${node.name.value}` : node.operation);
      },
      leave() {
        stack.pop();
      },
    },
    FragmentDefinition: {
      enter(node) {
        stack.push(`fragment ${node.name.value}`);
      },
      leave() {
        stack.pop();
      },
    },
    Field: {
      enter(node) {
        stack.push(node.alias?.value ?? node.name.value);
        if (node === target) found = [...stack];
      },
      leave() {
        stack.pop();
      },
    },
  });
  return found;
}

/**
 * Shopify's parse error: "syntax error, unexpected end of file at [3, 5]". At the end of the text it
 * points at the last token, not past it, and reports that place in `locations` too.
 */
export function parseError(error: GraphQLError, text: string) {
  const atEnd = /<EOF>/.test(error.message);
  let location = error.locations?.[0];
  if (atEnd) {
    const trimmed = text.trimEnd();
    let start = trimmed.length - 1;
    while (start > 0 && /\w/.test(trimmed[start] ?? '') && /\w/.test(trimmed[start - 1] ?? '')) start--;
    const line = trimmed.slice(0, start).split('\n').length;
    const column = start - trimmed.lastIndexOf('\n', start - 1);
    location = start >= 0 ? { line, column } : location;
  }
  const detail = atEnd ? 'unexpected end of file' : error.message.replace(/^Syntax Error: /, '');
  return {
    message: `syntax error, ${detail}${location ? ` at [${location.line}, ${location.column}]` : ''}`,
    locations: location ? [location] : undefined,
    extensions: { code: 'PARSE_ERROR' },
  };
}
