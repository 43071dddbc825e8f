/** TODO (issue 12): Audit log. */
export function AdminAuditLogPage() {
  return (
    <section className="page">
      <h1>Audit log</h1>
    </section>
  );
}
