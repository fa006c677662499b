-- Callback Console team history: the roles and what each may do. For the database administrator.
--
-- Run it connected to the team history's database, as a superuser or a role with CREATEROLE that may grant on the
-- database (psql "postgresql://ADMIN@HOST:5432/callback_history" -f team-history-grants.sql). It is idempotent: run
-- it once before the owner's first connect and once after (or run the GRANT the console prints).
--
--   callback_history_owner  owns the tables: the console creates and migrates them when it connects as this role
--                           (callback-console history --history postgresql://callback_history_owner@HOST/DB).
--                           Nobody decides with it.
--   callback_console        the operators' role: may read (SELECT) and append (INSERT), never UPDATE, DELETE or
--                           TRUNCATE. The console checks at connect and warns when its role could rewrite history,
--                           and refuses a role that may not INSERT, printing the GRANT to run.
--
-- Then give each role a password (\password callback_console in psql); operators keep theirs in ~/.pgpass.
-- Operators may sign in as roles of their own that are members of callback_console (GRANT callback_console TO alice),
-- so each row's database session names them too.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'callback_history_owner') THEN
        CREATE ROLE callback_history_owner LOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'callback_console') THEN
        CREATE ROLE callback_console LOGIN;
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO callback_history_owner, callback_console', current_database());
END $$;

-- The owner creates the tables in the public schema; the operators' role may only look them up.
GRANT USAGE, CREATE ON SCHEMA public TO callback_history_owner;
GRANT USAGE ON SCHEMA public TO callback_console;
REVOKE CREATE ON SCHEMA public FROM callback_console;

-- Every table the owner creates is readable by the operators' role, and nothing more.
ALTER DEFAULT PRIVILEGES FOR ROLE callback_history_owner IN SCHEMA public GRANT SELECT ON TABLES TO callback_console;

-- Appending: INSERT on the journal alone (not on history_schema, the record of migrations). Once the owner has
-- connected, the journal exists and this grants it; before, it says to run the script again.
DO $$
BEGIN
    IF to_regclass('public.submission_event') IS NULL THEN
        RAISE NOTICE 'The journal does not exist yet: as callback_history_owner, run callback-console history migrate --history postgresql://callback_history_owner@HOST/DB, then run this script again.';
    ELSE
        GRANT SELECT ON public.history_schema TO callback_console;
        GRANT SELECT, INSERT ON public.submission_event TO callback_console;
        REVOKE UPDATE, DELETE, TRUNCATE ON public.submission_event FROM callback_console;
    END IF;
END $$;
