interface Props {
  allowed: boolean;
  tierName: string;
}

export function AllowedBadge({ allowed, tierName }: Props) {
  return allowed ? (
    <span className="badge badge-success" data-testid="model-allowed">
      Allowed
    </span>
  ) : (
    <span className="badge badge-muted" title={`Your ${tierName} tier does not include this model`} data-testid="model-not-allowed">
      Not on {tierName}
    </span>
  );
}
