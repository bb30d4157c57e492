import { withMigrationsSchema } from './engine-bridge';
import type { WasmSchemaEngine } from './wasm-engine';

const params = {
  migrationsList: { baseDir: '/m', lockfile: { path: 'migration_lock.toml' }, migrationDirectories: [] },
  filters: { externalTables: [], externalEnums: [] },
  schema: { files: [] },
};

function fakeEngine() {
  const diagnoseMigrationHistory = jest.fn().mockResolvedValue({});
  return { engine: { diagnoseMigrationHistory } as unknown as WasmSchemaEngine, diagnoseMigrationHistory };
}

const needsShadow = new Error(
  'PostgreSQL shadow DB must be provided through an external factory\n   0: schema_engine_wasm::wasm::engine::EvaluateDataLoss',
);

describe('withMigrationsSchema', () => {
  it('passes results through without diagnosing', async () => {
    const { engine, diagnoseMigrationHistory } = fakeEngine();
    await expect(withMigrationsSchema(engine, params, () => Promise.resolve('ok'))).resolves.toBe('ok');
    expect(diagnoseMigrationHistory).not.toHaveBeenCalled();
  });

  it('diagnoses with the shadow database for the same migrations, then retries once', async () => {
    const { engine, diagnoseMigrationHistory } = fakeEngine();
    const run = jest.fn().mockRejectedValueOnce(needsShadow).mockResolvedValueOnce('ok');
    await expect(withMigrationsSchema(engine, params, run)).resolves.toBe('ok');
    expect(diagnoseMigrationHistory).toHaveBeenCalledWith({
      migrationsList: params.migrationsList,
      filters: params.filters,
      optInToShadowDatabase: true,
    });
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('reports the retry failure rather than looping', async () => {
    const { engine } = fakeEngine();
    const run = jest.fn().mockRejectedValue(needsShadow);
    await expect(withMigrationsSchema(engine, params, run)).rejects.toBe(needsShadow);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('reports a failed diagnosis (e.g. P3014, no shadow database) instead of retrying', async () => {
    const { engine, diagnoseMigrationHistory } = fakeEngine();
    const p3014 = Object.assign(new Error('could not create the shadow database'), { code: 'P3014' });
    diagnoseMigrationHistory.mockRejectedValue(p3014);
    const run = jest.fn().mockRejectedValue(needsShadow);
    await expect(withMigrationsSchema(engine, params, run)).rejects.toBe(p3014);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('leaves other errors alone', async () => {
    const { engine, diagnoseMigrationHistory } = fakeEngine();
    const other = new Error('relation "x" does not exist');
    await expect(withMigrationsSchema(engine, params, () => Promise.reject(other))).rejects.toBe(other);
    expect(diagnoseMigrationHistory).not.toHaveBeenCalled();
  });
});
