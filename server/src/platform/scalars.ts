import { CreditsFormatError, formatCredits, parseCredits } from '@tollgate/shared';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

function parse(value: unknown): bigint {
  if (typeof value !== 'string') {
    throw new GraphQLError('Credits must be a decimal string such as "12.5"', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  try {
    return parseCredits(value);
  } catch (err) {
    if (err instanceof CreditsFormatError) throw new GraphQLError(err.message, { extensions: { code: 'BAD_USER_INPUT' } });
    throw err;
  }
}

/** Credits on the wire: a decimal string with exactly 6 fraction digits; bigint micro-credits inside. */
export const CreditsScalar = new GraphQLScalarType<bigint, string>({
  name: 'Credits',
  description: 'An amount of credits as a decimal string with exactly 6 fraction digits out ("12.500000"); inputs accept up to 6 and no sign.',
  serialize(value) {
    if (typeof value !== 'bigint') throw new GraphQLError('Credits must be served from a bigint');
    return formatCredits(value);
  },
  parseValue: parse,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('Credits must be a decimal string such as "12.5"', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    return parse(ast.value);
  },
});
