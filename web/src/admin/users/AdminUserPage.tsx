/** TODO (issue 12): User. */
export function AdminUserPage() {
  return (
    <section className="page">
      <h1>User</h1>
    </section>
  );
}
