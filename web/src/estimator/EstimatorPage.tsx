import { Link, useSearchParams } from 'react-router';
import { CostEstimator } from './CostEstimator';
import { AUTO_MODEL } from './useEstimator';

export function EstimatorPage() {
  const [params] = useSearchParams();
  const model = params.get('model') ?? AUTO_MODEL;
  return (
    <section className="page">
      <h1>Cost estimator</h1>
      <p className="muted">
        What a request would cost before you send it: the expected charge, and the most it can be (what is held while it runs). Your browser counts the tokens
        with the same code the server uses, so the figures are what you would be charged. Prices per model are on the <Link to="/models">models page</Link>.
      </p>
      <div className="card">
        {/* Keyed by the model in the URL: "Estimate" on another model's row starts afresh with it. */}
        <CostEstimator key={model} initialModel={model} />
      </div>
    </section>
  );
}
