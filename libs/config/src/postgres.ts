/**
 * How every service connects to its PostgreSQL database (the pg pool its Prisma adapter, and case-service's plain-SQL
 * reads, run on).
 *
 * JIT compilation is off for these sessions. PostgreSQL compiles a query to machine code once its estimated cost
 * passes `jit_above_cost`; the services' scan-like queries (the stuck scan's task comparison, the statistics'
 * aggregates) pass it at about ten thousand open cases, and compiling then cost 40 ms a query to save a few: a
 * request's time jumped with the town's size. JIT pays off for long analytical queries, which no service runs.
 */
export function postgresPoolConfig(databaseUrl: string): { connectionString: string; options: string } {
  return { connectionString: databaseUrl, options: '-c jit=off' };
}
