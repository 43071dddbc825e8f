import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { DataTable, type DataColumn } from '../../ui/DataTable';
import { formatExactUsd } from '../../ui/format-money';
import { importable } from './price-selection';

export const PriceRowFields = graphql(`
  fragment PriceImportTable_OpenRouterPriceRow on OpenRouterPriceRow {
    modelId
    displayName
    providerModel
    currentInputUsdPerMTok
    currentOutputUsdPerMTok
    openRouterInputUsdPerMTok
    openRouterOutputUsdPerMTok
    openRouterCachedInputUsdPerMTok
    rounded
    free
    becameFree
    changed
  }
`);

export type PriceRowData = ReturnType<typeof rowsOf>[number];
export const rowsOf = (rows: readonly FragmentType<typeof PriceRowFields>[]) => rows.map((r) => getFragmentData(PriceRowFields, r));

const COLUMNS: DataColumn[] = [
  { label: 'Import', hiddenLabel: true },
  { label: 'Model' },
  { label: 'Ours (in / out per 1M)', numeric: true },
  { label: 'OpenRouter (in / out per 1M)', numeric: true },
  { label: 'Notes' },
];

const pair = (input: string | null, output: string | null) =>
  input === null || output === null ? '—' : `${formatExactUsd(input)} / ${formatExactUsd(output)}`;

interface Props {
  rows: readonly PriceRowData[];
  selection: ReadonlySet<string>;
  onToggle: (row: PriceRowData) => void;
}

/** Our price beside OpenRouter's for each OpenRouter model of the catalog; the admin ticks what to import. */
export function PriceImportTable({ rows, selection, onToggle }: Props) {
  return (
    <DataTable
      columns={COLUMNS}
      rows={rows}
      rowKey={(row) => row.modelId}
      testId="openrouter-price-table"
      empty={{ message: 'The catalog has no OpenRouter models.', testId: 'openrouter-price-empty' }}
      renderRow={(row) => (
        <tr data-testid="openrouter-price-row" data-model={row.modelId} data-changed={row.changed}>
          <td data-label="Import">
            <input
              type="checkbox"
              aria-label={`Import OpenRouter's price for ${row.displayName}`}
              checked={selection.has(row.modelId)}
              disabled={!importable(row)}
              onChange={() => onToggle(row)}
              data-testid="openrouter-price-check"
            />
          </td>
          <td data-label="Model">
            {row.displayName} <code className="muted">{row.providerModel}</code>
          </td>
          <td data-label="Ours (in / out per 1M)" className="num">
            {pair(row.currentInputUsdPerMTok, row.currentOutputUsdPerMTok)}
          </td>
          <td data-label="OpenRouter (in / out per 1M)" className="num">
            {pair(row.openRouterInputUsdPerMTok, row.openRouterOutputUsdPerMTok)}
          </td>
          <td data-label="Notes">
            {row.becameFree && <span className="badge badge-warning">Now free on OpenRouter</span>}{' '}
            {row.free && !row.becameFree && <span className="badge badge-muted">Free</span>}{' '}
            {!importable(row) && <span className="badge badge-danger">Not listed by OpenRouter</span>}{' '}
            {row.rounded && (
              <span className="badge badge-muted" title="A price finer than $0.001 per 1M tokens, rounded up">
                Rounded up
              </span>
            )}
            {!row.changed && importable(row) && <span className="muted">Same price</span>}
          </td>
        </tr>
      )}
    />
  );
}
