import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';
import type { Credentials } from './credentials';
import { setToken } from './token-store';

const SignUpMutation = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      token
      user {
        id
        email
        role
      }
    }
  }
`);

/** Creates the account and signs straight in; storing the token moves the user on (see PublicOnly). */
export function useSignUp(): (input: Credentials) => Promise<void> {
  const [signUp] = useMutation(SignUpMutation);
  return async (input) => {
    const { data } = await signUp({ variables: { input } });
    if (data) setToken(data.signUp.token);
  };
}
