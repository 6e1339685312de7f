import { type ASTNode, type DocumentNode, type GraphQLError, Kind, visit } from 'graphql';

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
  void Kind;
  return found;
}

/** Shopify's parse error: "syntax error, unexpected end of file at [3, 5]". */
export function parseErrorMessage(error: GraphQLError, text: string): string {
  const location = error.locations?.[0];
  const detail = /Expected Name, found <EOF>|found <EOF>|Unexpected <EOF>/.test(error.message)
    ? 'unexpected end of file'
    : error.message.replace(/^Syntax Error: /, '');
  void text;
  return `syntax error, ${detail}${location ? ` at [${location.line}, ${location.column}]` : ''}`;
}
