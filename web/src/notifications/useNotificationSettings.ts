import { useMutation, useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import type { NotificationSettingsQuery } from '../gql/graphql';

const NotificationSettingsDocument = graphql(`
  query NotificationSettings {
    notificationSettings {
      kind
      description
      canTurnOff
      enabled
    }
  }
`);

const SetNotificationPreferenceDocument = graphql(`
  mutation SetNotificationPreference($kind: String!, $enabled: Boolean!) {
    setNotificationPreference(kind: $kind, enabled: $enabled) {
      kind
      description
      canTurnOff
      enabled
    }
  }
`);

export type NotificationSetting = NotificationSettingsQuery['notificationSettings'][number];

/** The user's mail settings, and turning one kind on or off (the answer is every setting, written into the cache). */
export function useNotificationSettings() {
  const { data, loading, error } = useQuery(NotificationSettingsDocument);
  const [mutate, state] = useMutation(SetNotificationPreferenceDocument, {
    update: (cache, { data: answer }) => {
      if (answer) cache.writeQuery({ query: NotificationSettingsDocument, data: { notificationSettings: answer.setNotificationPreference } });
    },
  });
  const setEnabled = (kind: string, enabled: boolean) => mutate({ variables: { kind, enabled } });
  return { settings: data?.notificationSettings, loading, error, setEnabled, saving: state.loading, saveError: state.error };
}
