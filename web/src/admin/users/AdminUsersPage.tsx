/** TODO (issue 12): Users. */
export function AdminUsersPage() {
  return (
    <section className="page">
      <h1>Users</h1>
    </section>
  );
}
