const CURL_EXAMPLE = `curl ${window.location.origin}/v1/chat/completions \\
  -H "Authorization: Bearer $TOLLGATE_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"model": "sandbox/echo", "messages": [{"role": "user", "content": "Hello"}]}'`;

export function GettingStarted() {
  return (
    <article className="card getting-started">
      <h2>Getting started</h2>
      <ol>
        <li>
          Create an API key with the <code>completions</code> scope. Its secret is shown once, so copy it somewhere safe.
        </li>
        <li>
          Point any OpenAI-compatible client at <code>{window.location.origin}/v1</code> and send the key as a bearer token.
        </li>
        <li>
          Try the <code>sandbox/echo</code> model first: it answers with your own message, needs no provider, and is metered and charged like any other model.
        </li>
      </ol>
      <pre className="code-block">
        <code>{CURL_EXAMPLE}</code>
      </pre>
    </article>
  );
}
