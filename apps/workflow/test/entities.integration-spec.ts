import { MikroORM } from '@mikro-orm/postgresql';
import { loadEnv } from '@seatkeeper/platform-config';
import { createTestDatabase, migrationTemplate, type TestDatabase } from '@seatkeeper/testing';
import { SCHEMA } from '../src/schema';
import { workflowService } from '../src/service-definition';

/** information_schema's `data_type` for each column type the entities declare. */
const PG_TYPE: Record<string, string> = {
  uuid: 'uuid',
  text: 'text',
  int: 'integer',
  integer: 'integer',
  timestamptz: 'timestamp with time zone',
  json: 'jsonb',
  jsonb: 'jsonb',
};

interface Column {
  column_name: string;
  data_type: string;
  is_nullable: 'YES' | 'NO';
}

/** The entities map the tables the migrations made, column for column: no schema change came with them. */
describe('workflow entities', () => {
  let db: TestDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    db = await createTestDatabase(migrationTemplate(workflowService));
    orm = await MikroORM.init(workflowService.orm(loadEnv(workflowService.env, { DATABASE_URL: db.url })));
  });

  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  it('map every column of their tables with its type and nullability, and no other', async () => {
    const metas = Object.values(orm.getMetadata().getAll());
    expect(metas.map((m) => m.tableName).sort()).toEqual(['restore_kit', 'workflow', 'workflow_version']);
    for (const meta of metas) {
      const columns = await orm.em
        .fork()
        .execute<Column[]>(`select column_name, data_type, is_nullable from information_schema.columns where table_schema = ? and table_name = ? order by column_name`, [
          SCHEMA,
          meta.tableName,
        ]);
      const mapped = meta.props.map((p) => ({
        column_name: p.fieldNames[0],
        data_type: PG_TYPE[String(p.columnTypes[0] ?? p.type).toLowerCase()] ?? `unmapped ${String(p.type)}`,
        is_nullable: p.nullable ? 'YES' : 'NO',
      }));
      expect({ table: meta.tableName, columns: mapped.sort((a, b) => a.column_name.localeCompare(b.column_name)) }).toEqual({ table: meta.tableName, columns });
    }
  });
});
