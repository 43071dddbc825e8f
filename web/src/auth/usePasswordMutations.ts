import { useMutation } from '@apollo/client/react';
import { graphql } from '../gql';
import { setToken } from './token-store';

const ChangePasswordMutation = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      token
    }
  }
`);

const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

const ResetPasswordMutation = graphql(`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input) {
      token
    }
  }
`);

/**
 * Changes the password. The server ends every other session and answers this one's new token,
 * which replaces the old one at once (the old one is refused from now on).
 */
export function useChangePassword(): (currentPassword: string, newPassword: string) => Promise<void> {
  // No cache: the variables hold passwords, and nothing of them may stay in Apollo's store.
  const [change] = useMutation(ChangePasswordMutation, { fetchPolicy: 'no-cache' });
  return async (currentPassword, newPassword) => {
    const { data } = await change({ variables: { input: { currentPassword, newPassword } } });
    if (data) setToken(data.changePassword.token);
  };
}

/** Asks for a reset link; the answer is the same whether or not the address has an account. */
export function useRequestPasswordReset(): (email: string) => Promise<void> {
  const [request] = useMutation(RequestPasswordResetMutation);
  return async (email) => {
    await request({ variables: { email } });
  };
}

/** Sets a new password with a reset link's token; the answer signs the user in. */
export function useResetPassword(): (token: string, newPassword: string) => Promise<void> {
  const [reset] = useMutation(ResetPasswordMutation, { fetchPolicy: 'no-cache' });
  return async (token, newPassword) => {
    const { data } = await reset({ variables: { input: { token, newPassword } } });
    if (data) setToken(data.resetPassword.token);
  };
}
