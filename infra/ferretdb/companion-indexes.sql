-- Companion GIN indexes for FerretDB 1.24's pushed-down equalities (see infra/README.md, "FerretDB
-- companion indexes"). Applied by infra/ferretdb/start.sh to the database `ferretdb_<port>` each
-- time it starts a server on it (fresh or FERRETDB_KEEP_DATA=1): idempotent.
--
-- FerretDB filters `{field: <scalar>}` in SQL as `_jsonb->$1 @> $2` (the field name a parameter)
-- and indexes `{field: 1}` as a btree on `((_jsonb->'field'))`, which cannot serve `@>`: every
-- pushed-down equality, `_id` included, was a sequential scan. With custom plans (the field name
-- becomes a constant, `plan_cache_mode = force_custom_plan`, set by start.sh) a GIN
-- `jsonb_path_ops` index on the same expression serves it. This event trigger creates one for the
-- leading top-level field of every btree index FerretDB creates (`_id_` included, so every
-- collection gets one for `_id`), once per table and field, and drops it again when no btree index
-- on that field is left.

CREATE OR REPLACE FUNCTION public.tochka_companion_name(tbl regclass, field text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
  SELECT left((SELECT relname FROM pg_class WHERE oid = tbl), 30) || '_' ||
    left(regexp_replace(lower(field), '[^a-z0-9]+', '_', 'g'), 16) || '_' ||
    left(md5(tbl::oid::text || '/' || field), 8) || '_gin'
$$;

-- The top-level field a FerretDB btree index leads with, or NULL when it is not one of those
-- (GIN companions themselves, nested paths, FerretDB's own metadata tables, other tables).
CREATE OR REPLACE FUNCTION public.tochka_companion_field(idx oid) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT replace(substring(pg_get_indexdef(i.indexrelid, 1, true) FROM '^\(_jsonb -> ''((?:[^'']|'''')*)''::text\)$'), '''''', '''')
  FROM pg_index i
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_am am ON am.oid = ic.relam
  JOIN pg_class t ON t.oid = i.indrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
  WHERE i.indexrelid = idx
    AND am.amname = 'btree'
    AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'public')
    AND t.relname NOT LIKE '\_ferretdb\_%'
$$;

-- Create the companion of btree index `idx` if it has none yet. Never fails the statement that
-- created `idx` (FerretDB's): any error becomes a warning.
CREATE OR REPLACE FUNCTION public.tochka_ensure_companion(idx oid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  field text := public.tochka_companion_field(idx);
  tbl regclass;
  name text;
BEGIN
  IF field IS NULL THEN
    RETURN;
  END IF;
  SELECT indrelid INTO tbl FROM pg_index WHERE indexrelid = idx;
  name := public.tochka_companion_name(tbl, field);
  IF EXISTS (SELECT 1 FROM pg_class c WHERE c.relname = name AND c.relnamespace = (SELECT relnamespace FROM pg_class WHERE oid = tbl)) THEN
    RETURN;
  END IF;
  BEGIN
    -- fastupdate off: no pending list that every lookup has to read through.
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin ((_jsonb -> %L) jsonb_path_ops) WITH (fastupdate = off)', name, tbl, field);
    EXECUTE format('COMMENT ON INDEX %I.%I IS %L', (SELECT nspname FROM pg_namespace n JOIN pg_class c ON c.relnamespace = n.oid WHERE c.oid = tbl), name,
      'tochka companion: serves FerretDB''s _jsonb->''' || field || ''' @> equality');
  EXCEPTION WHEN others THEN
    RAISE WARNING 'tochka companion index % on % not created: %', name, tbl, SQLERRM;
  END;
END
$$;

-- Drop companions in `schema` whose table has no btree index leading with their field any more.
CREATE OR REPLACE FUNCTION public.tochka_drop_orphan_companions(schema name) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  orphan record;
BEGIN
  FOR orphan IN
    SELECT ic.relname AS name
    FROM pg_index i
    JOIN pg_class ic ON ic.oid = i.indexrelid
    JOIN pg_namespace n ON n.oid = ic.relnamespace
    WHERE n.nspname = schema
      AND obj_description(ic.oid, 'pg_class') LIKE 'tochka companion:%'
      AND NOT EXISTS (
        SELECT 1 FROM pg_index b
        WHERE b.indrelid = i.indrelid
          AND public.tochka_companion_name(b.indrelid, public.tochka_companion_field(b.indexrelid)) = ic.relname)
  LOOP
    BEGIN
      EXECUTE format('DROP INDEX IF EXISTS %I.%I', schema, orphan.name);
    EXCEPTION WHEN others THEN
      RAISE WARNING 'tochka companion index %.% not dropped: %', schema, orphan.name, SQLERRM;
    END;
  END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION public.tochka_companion_indexes() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE
  cmd record;
BEGIN
  FOR cmd IN SELECT * FROM pg_event_trigger_ddl_commands() LOOP
    -- The companion's own CREATE INDEX comes back here: tochka_companion_field is NULL for a GIN
    -- index, so there is no recursion.
    IF cmd.command_tag = 'CREATE INDEX' AND cmd.object_type = 'index' THEN
      PERFORM public.tochka_ensure_companion(cmd.objid);
    END IF;
  END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION public.tochka_companion_indexes_dropped() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE
  schema name;
BEGIN
  FOR schema IN SELECT DISTINCT schema_name FROM pg_event_trigger_dropped_objects()
    WHERE object_type = 'index' AND schema_name IS NOT NULL LOOP
    PERFORM public.tochka_drop_orphan_companions(schema);
  END LOOP;
END
$$;

SET client_min_messages = warning;
BEGIN;
DROP EVENT TRIGGER IF EXISTS tochka_companion_indexes;
CREATE EVENT TRIGGER tochka_companion_indexes ON ddl_command_end WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION public.tochka_companion_indexes();
DROP EVENT TRIGGER IF EXISTS tochka_companion_indexes_dropped;
CREATE EVENT TRIGGER tochka_companion_indexes_dropped ON sql_drop WHEN TAG IN ('DROP INDEX')
  EXECUTE FUNCTION public.tochka_companion_indexes_dropped();
COMMIT;

-- Indexes that existed before the trigger (a database kept with FERRETDB_KEEP_DATA=1).
DO $$ BEGIN PERFORM public.tochka_ensure_companion(indexrelid) FROM pg_index; END $$;
