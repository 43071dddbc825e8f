import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';
import type { Credentials } from './credentials';
import { setToken } from './token-store';

const SignInMutation = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      token
      user {
        id
        email
        role
      }
    }
  }
`);

/** Signs in; storing the token is what moves the user on (see PublicOnly). */
export function useSignIn(): (input: Credentials) => Promise<void> {
  const [signIn] = useMutation(SignInMutation);
  return async (input) => {
    const { data } = await signIn({ variables: { input } });
    if (data) setToken(data.signIn.token);
  };
}
