import type { DocumentNode, GraphQLError } from 'graphql';

/**
 * graphql-js validation errors in Shopify's words (NOTES §11): an unknown field is
 * "Field 'x' doesn't exist on type 'T'" with code undefinedField; other rules get Shopify's codes.
 */
export function staticError(error: GraphQLError, _document: DocumentNode) {
  const unknownField = /^Cannot query field "(\w+)" on type "(\w+)"/.exec(error.message);
  if (unknownField) {
    const [, fieldName, typeName] = unknownField;
    return {
      message: `Field '${fieldName}' doesn't exist on type '${typeName}'`,
      locations: error.locations,
      extensions: { code: 'undefinedField', typeName, fieldName },
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
      : /must have a selection of subfields|must not have a selection/.test(error.message)
        ? 'selectionMismatch'
        : /cannot represent|Expected value of type/.test(error.message)
          ? 'argumentLiteralsIncompatible'
          : /may not be used on/.test(error.message)
            ? 'directiveCannotBeApplied'
            : 'GRAPHQL_VALIDATION_FAILED';
  return { message: error.message, locations: error.locations, extensions: { code } };
}
