import { ApolloProvider } from '@apollo/client/react';
import { useState } from 'react';
import { RouterProvider } from 'react-router/dom';
import { createApolloClient } from '../apollo/client';
import { ThemeProvider } from '../theme/ThemeProvider';
import { createRouter } from './router';

export function App() {
  // Created once per page load; a module-level singleton would outlive hot reloads.
  const [client] = useState(createApolloClient);
  const [router] = useState(createRouter);
  return (
    <ThemeProvider>
      <ApolloProvider client={client}>
        <RouterProvider router={router} />
      </ApolloProvider>
    </ThemeProvider>
  );
}
