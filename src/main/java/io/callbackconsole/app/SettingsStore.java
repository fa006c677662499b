package io.callbackconsole.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.domain.EnvironmentMark;
import io.callbackconsole.history.TeamHistoryLocation;
import io.callbackconsole.ui.ColumnChoices;
import io.callbackconsole.ui.EnvironmentMarks;
import io.callbackconsole.ui.preferences.Preferences;
import io.callbackconsole.ui.preferences.PreferencesStore;
import io.callbackconsole.ui.preferences.WindowLayout;
import io.callbackconsole.ui.theme.ThemeChoice;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The saved AWS connection (profile, region, queues, endpoint overrides, the team history it journals in), the
 * environment marks of profiles, the tables' column choices, the theme choice, the preferences and the window's
 * layout, as JSON in the data directory. It holds a profile's name, never
 * credentials. The sandbox is not saved: it is what the console opens when nothing is. The file is written only when an
 * operator chooses a connection, a mark, columns, a theme or preferences, or moves the window.
 */
public final class SettingsStore {
    /** Jackson is loaded on first use: a sandbox start never reads the file, and Jackson's start-up is not small. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** The field of the environment marks: profile key to mark name. */
    private static final String MARKS = "environmentMarks";
    /** The field of the tables' columns: table name to its columns in order, each with its visibility and width. */
    private static final String COLUMNS = "columns";
    /** The field of the saved connection's team history URL (never with a password); absent for the file. */
    private static final String HISTORY = "historyUrl";
    /** The field of the theme choice: LIGHT, DARK or SYSTEM. */
    private static final String THEME = "theme";

    /** The fields of the preferences (Edit → Preferences) and of the window's layout. */
    private static final String AGE_ALARM = "ageAlarm";
    private static final String NOTIFICATIONS = "notifications";
    private static final String FIND_WAITING_DAYS = "findWaitingDays";
    private static final String BULK_CONCURRENCY = "bulkConcurrency";
    private static final String WINDOW = "window";

    private static final Logger log = LoggerFactory.getLogger(SettingsStore.class);

    private final Path file;

    public SettingsStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The saved connection, or empty when none is saved; a file that cannot be read is reported, not ignored. */
    public Optional<ConnectionSettings> load() throws SettingsException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = Json.MAPPER.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new SettingsException("The settings file " + file + " is not a JSON object. Fix or delete it, "
                        + "or start with --sandbox.");
            }
            if (!root.has("queueUrls") && !root.has("profile")) {
                return Optional.empty(); // marks only: no connection chosen yet
            }
            List<String> queues = new ArrayList<>();
            root.path("queueUrls").forEach(q -> queues.add(q.asText()));
            return Optional.of(new ConnectionSettings(false, text(root, "profile"), text(root, "region"), queues,
                    uri(root, "sqsEndpoint"), uri(root, "sageMakerEndpoint"), uri(root, "stsEndpoint"))
                    .withIamEndpoint(uri(root, "iamEndpoint")).withHistoryUrl(text(root, HISTORY)));
        } catch (IOException | IllegalArgumentException e) {
            throw new SettingsException("The settings file " + file + " cannot be read: " + e.getMessage()
                    + ". Fix or delete it, or start with --sandbox.");
        }
    }

    /**
     * Saves a real-AWS connection atomically (write aside, then move), so a crash never leaves half a file. A team
     * history URL is saved as written, after {@link TeamHistoryLocation#parse} found no password in it: one that
     * carries a password is refused with the sentence saying where the password goes, and nothing is written.
     */
    public void save(ConnectionSettings settings) throws SettingsException {
        if (settings.sandbox()) {
            throw new IllegalArgumentException("the sandbox connection is not saved");
        }
        if (settings.historyUrl() != null) {
            try {
                TeamHistoryLocation.parse(settings.historyUrl());
            } catch (IllegalArgumentException e) {
                throw new SettingsException("The connection was not saved: " + e.getMessage());
            }
        }
        ObjectNode root = readForUpdate();
        root.put("profile", settings.profile());
        root.put("region", settings.region());
        ArrayNode queues = root.putArray("queueUrls");
        settings.queueUrls().forEach(queues::add);
        root.put("sqsEndpoint", settings.sqsEndpoint() == null ? null : settings.sqsEndpoint().toString());
        root.put("sageMakerEndpoint", settings.sageMakerEndpoint() == null ? null : settings.sageMakerEndpoint().toString());
        root.put("stsEndpoint", settings.stsEndpoint() == null ? null : settings.stsEndpoint().toString());
        root.put("iamEndpoint", settings.iamEndpoint() == null ? null : settings.iamEndpoint().toString());
        if (settings.historyUrl() == null) {
            root.remove(HISTORY);
        } else {
            root.put(HISTORY, settings.historyUrl());
        }
        write(root);
    }

    /**
     * The environment marks operators gave profiles ("ops-prod" is production), by {@link EnvironmentMarks#keyOf}.
     * Marks this version does not know are left out, not fatal.
     */
    public Map<String, EnvironmentMark> loadMarks() throws SettingsException {
        Map<String, EnvironmentMark> marks = new TreeMap<>();
        if (!Files.exists(file)) {
            return marks;
        }
        readForUpdate().path(MARKS).fields().forEachRemaining(entry ->
                EnvironmentMark.parse(entry.getValue().asText(null)).ifPresent(mark -> marks.put(entry.getKey(), mark)));
        return marks;
    }

    /** Saves one profile's mark, keeping the saved connection and the other marks. */
    public void saveMark(String profileKey, EnvironmentMark mark) throws SettingsException {
        if (mark == EnvironmentMark.SANDBOX) {
            throw new IllegalArgumentException("the sandbox's mark is fixed");
        }
        ObjectNode root = readForUpdate();
        ObjectNode marks = root.path(MARKS).isObject() ? (ObjectNode) root.get(MARKS) : root.putObject(MARKS);
        if (mark == EnvironmentMark.UNMARKED) {
            marks.remove(profileKey);
        } else {
            marks.put(profileKey, mark.name());
        }
        write(root);
    }

    /**
     * How {@code table}'s columns were last left; empty when nothing (or nothing readable) was saved. The file holds a
     * list per table: of {@code {"id", "shown", "width"}} entries in the operator's order, or, written before order
     * and widths were saved, of the ids of the shown columns. An entry that is not one of those is left out with a
     * log line: it costs that column its place, never the start.
     */
    public Optional<ColumnChoices.SavedColumns> loadColumns(String table) throws SettingsException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode saved = readForUpdate().path(COLUMNS).path(table);
        if (saved.isMissingNode()) {
            return Optional.empty();
        }
        if (!saved.isArray()) {
            log.warn("The saved columns of the {} table in {} are not a list; the table keeps its default columns",
                    table, file);
            return Optional.empty();
        }
        boolean shownOnly = saved.size() > 0;
        for (JsonNode entry : saved) {
            shownOnly &= entry.isTextual();
        }
        if (shownOnly) {
            List<String> ids = new ArrayList<>();
            saved.forEach(id -> ids.add(id.asText()));
            return Optional.of(ColumnChoices.SavedColumns.shownOnly(ids));
        }
        List<ColumnChoices.SavedColumn> columns = new ArrayList<>();
        for (JsonNode entry : saved) {
            JsonNode id = entry.path("id");
            JsonNode shown = entry.path("shown");
            JsonNode width = entry.path("width");
            if (!entry.isObject() || !id.isTextual() || id.asText().isBlank() || !shown.isBoolean()
                    || !(width.isMissingNode() || width.isNull() || width.isNumber())) {
                log.warn("A saved column of the {} table in {} is not an id, shown and width; left out: {}", table,
                        file, entry);
                continue;
            }
            columns.add(new ColumnChoices.SavedColumn(id.asText(), shown.asBoolean(),
                    width.isNumber() ? width.asDouble() : null));
        }
        return Optional.of(new ColumnChoices.SavedColumns(columns, true));
    }

    /** Saves how {@code table}'s columns are now, keeping everything else in the file. */
    public void saveColumns(String table, ColumnChoices.SavedColumns saved) throws SettingsException {
        ObjectNode root = readForUpdate();
        ObjectNode columns = root.path(COLUMNS).isObject() ? (ObjectNode) root.get(COLUMNS) : root.putObject(COLUMNS);
        ArrayNode entries = columns.putArray(table);
        for (ColumnChoices.SavedColumn column : saved.columns()) {
            ObjectNode entry = entries.addObject();
            entry.put("id", column.id());
            entry.put("shown", column.shown());
            if (column.width() != null) {
                entry.put("width", column.width());
            }
        }
        write(root);
    }

    /** This file as the window's {@link ColumnChoices}. */
    public ColumnChoices columnChoices() {
        return new ColumnChoices() {
            @Override
            public Optional<SavedColumns> load(String table) throws SettingsException {
                return loadColumns(table);
            }

            @Override
            public void save(String table, SavedColumns columns) throws SettingsException {
                saveColumns(table, columns);
            }
        };
    }

    /** The theme the operator chose in View → Theme; following the system when none is saved or the name is unknown. */
    public ThemeChoice loadTheme() throws SettingsException {
        if (!Files.exists(file)) {
            return ThemeChoice.SYSTEM;
        }
        return ThemeChoice.parse(readForUpdate().path(THEME).asText(null)).orElse(ThemeChoice.SYSTEM);
    }

    /** Saves the theme choice, keeping the saved connection and the marks. */
    public void saveTheme(ThemeChoice choice) throws SettingsException {
        ObjectNode root = readForUpdate();
        root.put(THEME, choice.name());
        write(root);
    }

    /**
     * Sets a file that is not a JSON object aside ({@code settings.json.damaged-<time>}, kept for the operator to
     * read or restore), so the console starts on its defaults and later saves can write a fresh file. Blocking.
     *
     * @return what was wrong and where the file went, for the log and the window; empty when the file is fine or
     *         absent
     */
    public Optional<String> setAsideIfDamaged() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String problem;
        try {
            JsonNode root = Json.MAPPER.readTree(file.toFile());
            if (root != null && root.isObject()) {
                return Optional.empty();
            }
            problem = "it is not a JSON object";
        } catch (IOException e) {
            problem = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
        }
        Path aside = file.resolveSibling(file.getFileName() + ".damaged-"
                + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(java.time.LocalDateTime.now()));
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            return Optional.of("The settings file " + file + " cannot be read (" + problem + ") nor set aside ("
                    + e.getMessage() + "); the console started with its defaults and cannot save settings until the "
                    + "file is fixed or deleted.");
        }
        return Optional.of("The settings file " + file + " could not be read (" + problem + "); it is kept as "
                + aside.getFileName() + " and the console started with its defaults (the sandbox, unless a connection"
                + " is given on the command line).");
    }

    /** The preferences of Edit → Preferences; the defaults for what is not saved. */
    public Preferences loadPreferences() throws SettingsException {
        if (!Files.exists(file)) {
            return Preferences.DEFAULT;
        }
        JsonNode root = readForUpdate();
        Preferences d = Preferences.DEFAULT;
        JsonNode alarm = root.path(AGE_ALARM);
        Map<String, Integer> pipelines = new TreeMap<>();
        alarm.path("pipelines").fields().forEachRemaining(e -> pipelines.put(e.getKey(), e.getValue().asInt(0)));
        JsonNode notify = root.path(NOTIFICATIONS);
        try {
            return new Preferences(alarm.path("minutes").asInt(d.alarmMinutes()), pipelines,
                    notify.path("newCallbacks").asBoolean(d.notifyNew()),
                    notify.path("overdue").asBoolean(d.notifyOverdue()),
                    notify.path("nearDeadLetter").asBoolean(d.notifyNearDeadLetter()),
                    root.path(FIND_WAITING_DAYS).asInt(d.findWaitingDays()),
                    root.path(BULK_CONCURRENCY).asInt(d.bulkConcurrency()));
        } catch (IllegalArgumentException e) {
            throw new SettingsException("The preferences in " + file + " are out of bounds: " + e.getMessage()
                    + ". Set them again in Edit → Preferences.");
        }
    }

    /** Saves the preferences, keeping everything else in the file. */
    public void savePreferences(Preferences preferences) throws SettingsException {
        ObjectNode root = readForUpdate();
        ObjectNode alarm = root.putObject(AGE_ALARM);
        alarm.put("minutes", preferences.alarmMinutes());
        ObjectNode pipelines = alarm.putObject("pipelines");
        preferences.pipelineAlarmMinutes().forEach(pipelines::put);
        ObjectNode notify = root.putObject(NOTIFICATIONS);
        notify.put("newCallbacks", preferences.notifyNew());
        notify.put("overdue", preferences.notifyOverdue());
        notify.put("nearDeadLetter", preferences.notifyNearDeadLetter());
        root.put(FIND_WAITING_DAYS, preferences.findWaitingDays());
        root.put(BULK_CONCURRENCY, preferences.bulkConcurrency());
        write(root);
    }

    /** The window's layout when it last changed; empty when none is saved or it is not a layout. */
    public Optional<WindowLayout> loadLayout() throws SettingsException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode window = readForUpdate().path(WINDOW);
        if (!window.isObject()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new WindowLayout(window.path("x").asDouble(), window.path("y").asDouble(),
                    window.path("width").asDouble(), window.path("height").asDouble(),
                    window.path("maximized").asBoolean(false), window.path("pendingDivider").asDouble(0.62)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Saves the window's layout, keeping everything else in the file. */
    public void saveLayout(WindowLayout layout) throws SettingsException {
        ObjectNode root = readForUpdate();
        ObjectNode window = root.putObject(WINDOW);
        window.put("x", layout.x());
        window.put("y", layout.y());
        window.put("width", layout.width());
        window.put("height", layout.height());
        window.put("maximized", layout.maximized());
        window.put("pendingDivider", layout.pendingDivider());
        write(root);
    }

    /** This file as the window's {@link PreferencesStore}. */
    public PreferencesStore preferencesStore() {
        return new PreferencesStore() {
            @Override
            public Preferences load() throws SettingsException {
                return loadPreferences();
            }

            @Override
            public void save(Preferences preferences) throws SettingsException {
                savePreferences(preferences);
            }

            @Override
            public Optional<WindowLayout> loadLayout() throws SettingsException {
                return SettingsStore.this.loadLayout();
            }

            @Override
            public void saveLayout(WindowLayout layout) throws SettingsException {
                SettingsStore.this.saveLayout(layout);
            }
        };
    }

    /** The file as an object to change and write back; an empty one when there is no file yet. */
    private ObjectNode readForUpdate() throws SettingsException {
        if (!Files.exists(file)) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            JsonNode root = Json.MAPPER.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new SettingsException("The settings file " + file + " is not a JSON object. Fix or delete it.");
            }
            return (ObjectNode) root;
        } catch (IOException e) {
            throw new SettingsException("The settings file " + file + " cannot be read: " + e.getMessage()
                    + ". Fix or delete it.");
        }
    }

    /** Writes atomically (write aside, then move), so a crash never leaves half a file. */
    private void write(ObjectNode root) throws SettingsException {
        try {
            OwnerOnlyFiles.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            // Created 0600 before anything is written to it; the move keeps the mode.
            Files.deleteIfExists(temp);
            OwnerOnlyFiles.createFileIfMissing(temp);
            Json.MAPPER.writeValue(temp.toFile(), root);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new SettingsException("Cannot save the settings to " + file + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static URI uri(JsonNode root, String field) {
        String value = text(root, field);
        return value == null || value.isBlank() ? null : URI.create(value);
    }

    /** The settings file could not be read or written; the message says which file and what to do. */
    public static final class SettingsException extends Exception {
        public SettingsException(String message) {
            super(message);
        }
    }
}
