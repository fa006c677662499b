package io.callbackconsole.history;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.Properties;

/**
 * Not a test: {@link TeamHistoryAuditMeasurement}'s searches and exports on a server and an SQLite file that outlive
 * the JVM, so a 1 000 000-row history is filled once and measured many times (old and new builds alike, the team
 * history copied with {@code CREATE DATABASE … TEMPLATE} for each schema). The server is one you run (say
 * shared_buffers=512MB, work_mem=16MB: a small real server, not the tests' 32 MB); its superuser is console_admin with
 * the password in LAB_PASSWORD.
 *
 * <pre>
 * AuditLab fill    FILE JDBC_URL DECISIONS          both histories, fast (AuditHistoryFill)
 * AuditLab migrate FILE JDBC_URL                    the team history to this build's schema
 * AuditLab measure FILE JDBC_URL DECISIONS [queries|exports]
 * AuditLab sql     FILE JDBC_URL [TEXT]             prints the export and decision-search SQL, for EXPLAIN
 * </pre>
 */
public final class AuditLab {
    public static void main(String[] args) throws Exception {
        String what = args[0];
        Path file = Path.of(args[1]);
        String url = args[2];
        String password = System.getenv("LAB_PASSWORD");
        TeamHistoryLocation location = TeamHistoryLocation.parse(url + "?user=console_admin");
        Map<String, String> env = Map.of("PGPASSWORD", password);
        if (what.equals("fill")) {
            int decisions = Integer.parseInt(args[3]);
            long t = System.nanoTime();
            AuditHistoryFill.fastFillSqlite(file, decisions);
            System.out.printf("sqlite %.1f s%n", (System.nanoTime() - t) / 1e9);
            t = System.nanoTime();
            HistoryStore.openTeam(location, AuditHistoryFill.CONSOLE_VERSION, env, TeamHistorySchema.MIGRATIONS).close();
            Properties p = new Properties();
            p.setProperty("user", "console_admin");
            p.setProperty("password", password);
            try (Connection c = DriverManager.getConnection(url, p)) {
                AuditHistoryFill.fastFillTeam(c, decisions);
            }
            System.out.printf("team %.1f s%n", (System.nanoTime() - t) / 1e9);
            return;
        }
        if (what.equals("migrate")) {
            long t = System.nanoTime();
            HistoryStore.openTeam(location, AuditHistoryFill.CONSOLE_VERSION, env, TeamHistorySchema.MIGRATIONS).close();
            System.out.printf("migrated %.1f s%n", (System.nanoTime() - t) / 1e9);
            return;
        }
        if (what.equals("sql")) {
            int schema = TeamHistorySchema.MIGRATIONS.size();
            EventQueries events = new EventQueries(AuditSql.POSTGRES, schema, new TextMatchProbe(AuditSql.POSTGRES));
            DecisionQueries ds = new DecisionQueries(AuditSql.POSTGRES, schema, new TextMatchProbe(AuditSql.POSTGRES));
            AuditFilter all = AuditFilter.everything();
            System.out.println("-- events export\n" + events.exportSelect(null, all, AuditSort.NEWEST_FIRST) + ";");
            System.out.println("-- decisions export many\n" + ds.exportSelectOfMany(all, DecisionSort.NEWEST_FIRST) + ";");
            System.out.println("-- decisions export\n" + ds.exportSelect(all, DecisionSort.NEWEST_FIRST) + ";");
            AuditFilter words = all.withText(args.length > 3 ? args[3] : "drift schema");
            AuditWhere w = AuditWhere.forDecisions(words, AuditSql.POSTGRES, true);
            System.out.println("-- decisions count many " + w.parameters() + "\n" + ds.countSelect(words, w, true) + ";");
            System.out.println("-- decisions page many\n" + ds.pageSelect(words, DecisionSort.NEWEST_FIRST, w) + ";");
            return;
        }
        int decisions = Integer.parseInt(args[3]);
        String part = args.length > 4 ? args[4] : "all";
        System.out.printf("load %s%n", java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim());
        try (AuditLog onFile = AuditLog.open(file); AuditLog onTeam = AuditLog.openTeam(location, env)) {
            if (!part.equals("exports")) {
                TeamHistoryAuditMeasurement.queries(onFile, onTeam, decisions);
            }
            if (!part.equals("queries")) {
                TeamHistoryAuditMeasurement.exportsOf(onFile, onTeam);
            }
        }
        System.out.printf("load %s%n", java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim());
    }
}
