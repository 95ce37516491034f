package io.github.schemafirst.connect.file;

import io.github.schemafirst.connect.core.DeclaredSchemaSource;
import io.github.schemafirst.connect.core.EnumSetting;
import io.github.schemafirst.connect.core.SchemafirstSourceConfig;
import io.github.schemafirst.connect.file.read.CsvOptions;
import io.github.schemafirst.connect.file.read.FileFormat;
import io.github.schemafirst.connect.file.storage.CompletionAction;
import io.github.schemafirst.connect.file.storage.Storage;
import io.github.schemafirst.connect.file.storage.local.FileIdentity;
import io.github.schemafirst.connect.file.storage.local.LocalStorage;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The file source connector's settings: the shared schemafirst settings plus where files are found, how they are
 * read and what happens to them once read.
 */
public final class FileSourceConfig extends SchemafirstSourceConfig {

    public static final String GROUP_FILE = "File";
    public static final String GROUP_CSV = "CSV";

    public static final String PATH_CONFIG = "file.path";
    private static final String PATH_DOC = "The directory to read files from. It must exist on every worker that "
            + "runs a task of this connector and be readable (and writable when file.completed.action is move or "
            + "delete). Or a bucket and prefix, 's3://bucket/prefix/', to read objects of Amazon S3 or an "
            + "S3-compatible store (see the S3 group).";

    public static final String PATTERN_CONFIG = "file.pattern";
    public static final String PATTERN_DEFAULT = "*";
    private static final String PATTERN_DOC = "A glob matched against each file's name (not its directory), e.g. "
            + "'*.jsonl' or 'users-*.{csv,txt}'. Hidden files (names starting with '.') are never read, so a "
            + "writer can create '.name' and rename it when done.";

    public static final String RECURSIVE_CONFIG = "file.recursive";
    public static final boolean RECURSIVE_DEFAULT = false;
    private static final String RECURSIVE_DOC = "Whether to read files in subdirectories of file.path too (hidden "
            + "directories and file.completed.dir are skipped).";

    public static final String FORMAT_CONFIG = "file.format";
    public static final String FORMAT_DEFAULT = "jsonl";
    private static final String FORMAT_DOC = "How records are written in the files: 'jsonl' (one JSON value per "
            + "line), 'json-array' (one JSON array of records per file), 'csv' (one record per row, see the CSV "
            + "group) or 'lines' (each line is a string record). Without a declared value schema only 'lines' is "
            + "allowed.";

    public static final String POLL_INTERVAL_MS_CONFIG = "file.poll.interval.ms";
    public static final long POLL_INTERVAL_MS_DEFAULT = 1000L;
    private static final String POLL_INTERVAL_MS_DOC = "How often each task lists file.path for new, grown, renamed "
            + "or removed files, and the longest a poll() waits when there is nothing to read. A listing that takes "
            + "long (a directory of 100,000 files, a slow mount) is repeated only after ten times its own duration, "
            + "so listing never takes more than about a tenth of the task's time (logged once at INFO).";

    public static final String MIN_AGE_MS_CONFIG = "file.min.age.ms";
    public static final long MIN_AGE_MS_DEFAULT = 0L;
    private static final String MIN_AGE_MS_DOC = "A file is first read only once it has not been modified for this "
            + "long, and is only finished (its unterminated last line read as a record, then moved or deleted) once "
            + "it has been idle this long at its end. With the default 0 a file is picked up at once: a line "
            + "without its terminator is never read while the file is read as it grows, but with "
            + "file.completed.action move or delete a file still being written can be finished early. Set this "
            + "above the longest pause of your writers, or have them write a hidden '.name' file and rename it.";

    public static final String COMPLETED_ACTION_CONFIG = "file.completed.action";
    public static final String COMPLETED_ACTION_DEFAULT = "none";
    private static final String COMPLETED_ACTION_DOC = "What to do with a file once every record read from it has "
            + "been committed: 'none' leaves it in place (its stored offset marks it read; records appended later "
            + "are read too), 'move' moves it into file.completed.dir, 'delete' deletes it. Never done before "
            + "the file's last record is committed.";

    public static final String COMPLETED_DIR_CONFIG = "file.completed.dir";
    private static final String COMPLETED_DIR_DOC = "The directory completed files are moved into when "
            + "file.completed.action=move. It must exist, be writable and differ from file.path. A file of the same "
            + "name already there is kept: the moved file gets a '-1', '-2', ... suffix before its extension.";

    public static final String ERROR_DIR_CONFIG = "file.error.dir";
    private static final String ERROR_DIR_DOC = "The directory a broken file is moved into: a file whose rest cannot "
            + "be read (a JSON array broken mid-way, a truncated or corrupt .gz, an unusable CSV header), once the "
            + "records read before the break are committed and invalid.record.policy is skip or dead-letter. It "
            + "must exist, be writable and differ from file.path; the file keeps its path relative to file.path. "
            + "Empty (the default): a broken file stays where it is and is not read again while it is unchanged; "
            + "it is never deleted, whatever file.completed.action says.";

    public static final String IDENTITY_CONFIG = "file.identity";
    public static final String IDENTITY_DEFAULT = "inode";
    private static final String IDENTITY_DOC = "How a file is recognised across renames, tasks and workers; the "
            + "identity is the file's source partition and decides which task reads it. 'inode' (default): the "
            + "inode number, the same on every host that mounts a network file system (NFS, EFS, CephFS, SMB), kept "
            + "across renames; file.path must be one file system. 'path': the path below file.path, for storage "
            + "without stable inode numbers; a renamed file is read again as a new file. 'device-inode': device and "
            + "inode, the first version's identity, exact on one host with several file systems below file.path "
            + "but different on every host of a shared mount. Offsets stored under the device-inode identity are "
            + "found and continued by the other two, so an upgrade reads nothing twice.";

    public static final String RECORD_MAX_BYTES_CONFIG = "file.record.max.bytes";
    public static final int RECORD_MAX_BYTES_DEFAULT = 8 * 1024 * 1024;
    private static final String RECORD_MAX_BYTES_DOC = "The longest record read, in bytes (a line, a CSV row with "
            + "its quoted line breaks, or a JSON array element). A longer record is an invalid record under "
            + "invalid.record.policy (a dead letter keeps its first KiB) and reading goes on after it; memory per "
            + "open file grows to at most this much.";

    public static final String MAX_OPEN_FILES_CONFIG = "file.max.open.files";
    public static final int MAX_OPEN_FILES_DEFAULT = 64;
    private static final String MAX_OPEN_FILES_DOC = "How many files one task reads at once, each holding a file "
            + "descriptor and a read buffer. Further files wait their turn, oldest first; a file read to its end "
            + "closes its descriptor until it changes.";

    public static final String RETRY_BACKOFF_MAX_MS_CONFIG = "file.retry.backoff.max.ms";
    public static final long RETRY_BACKOFF_MAX_MS_DEFAULT = 60_000L;
    private static final String RETRY_BACKOFF_MAX_MS_DOC = "A file that cannot be read for a passing reason "
            + "(permissions, a network mount that hiccups) is tried again after file.poll.interval.ms, then after "
            + "twice as long each time, up to this long; a warning is logged on the first failure and then every "
            + "tenth, and a note when it reads again.";

    public static final String CSV_HEADER_CONFIG = "file.csv.header";
    public static final boolean CSV_HEADER_DEFAULT = true;
    private static final String CSV_HEADER_DOC = "Whether the first row of each CSV file names the columns. With a "
            + "header, columns are matched to schema fields by name; without one, by the schema's field order.";

    public static final String CSV_DELIMITER_CONFIG = "file.csv.delimiter";
    public static final String CSV_DELIMITER_DEFAULT = ",";
    private static final String CSV_DELIMITER_DOC = "The character between CSV fields; '\\t' for tab.";

    public static final String CSV_QUOTE_CONFIG = "file.csv.quote";
    public static final String CSV_QUOTE_DEFAULT = "\"";
    private static final String CSV_QUOTE_DOC = "The character that quotes CSV fields containing the delimiter, "
            + "quotes or line breaks.";

    public static final String CSV_NULL_VALUE_CONFIG = "file.csv.null.value";
    public static final String CSV_NULL_VALUE_DEFAULT = "";
    private static final String CSV_NULL_VALUE_DOC = "The unquoted field text that stands for null (for fields the "
            + "schema allows to be null). The default, empty, means an empty unquoted field is null.";

    private static final ConfigDef CONFIG_DEF = buildConfigDef();

    private final FileFormat format;
    private final CompletionAction completedAction;
    private final FileIdentity identity;
    /** How to reach the bucket when file.path is an s3:// URI; null for a directory. */
    private final ObjectStorageSettings objectStorage;

    public FileSourceConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
        this.format = FileFormat.fromConfigValue(getString(FORMAT_CONFIG));
        this.completedAction = CompletionAction.fromConfigValue(getString(COMPLETED_ACTION_CONFIG));
        this.identity = FileIdentity.fromConfigValue(getString(IDENTITY_CONFIG));
        String noSchema = schemaFreeFormatError();
        if (noSchema != null) {
            throw new ConfigException(VALUE_SCHEMA_CONFIG, "", noSchema);
        }
        if (completedAction == CompletionAction.MOVE && completedDir().isEmpty()) {
            throw new ConfigException(COMPLETED_DIR_CONFIG, "", "required when file.completed.action=move");
        }
        if (isObjectStorage()) {
            objectStorage = new ObjectStorageSettings(this);
        } else {
            objectStorage = null;
        }
    }

    public static ConfigDef configDef() {
        return CONFIG_DEF;
    }

    private static ConfigDef buildConfigDef() {
        ConfigDef def = commonConfigDef();
        int order = 0;
        def.define(PATH_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                Importance.HIGH, PATH_DOC, GROUP_FILE, ++order, Width.LONG, "Directory");
        def.define(PATTERN_CONFIG, Type.STRING, PATTERN_DEFAULT, new GlobPattern(), Importance.MEDIUM, PATTERN_DOC,
                GROUP_FILE, ++order, Width.MEDIUM, "File name pattern");
        def.define(RECURSIVE_CONFIG, Type.BOOLEAN, RECURSIVE_DEFAULT, Importance.LOW, RECURSIVE_DOC,
                GROUP_FILE, ++order, Width.SHORT, "Read subdirectories");
        EnumSetting formats = EnumSetting.of(FileFormat.JSONL.configValue(), FileFormat.JSON_ARRAY.configValue(),
                FileFormat.CSV.configValue(), FileFormat.LINES.configValue());
        def.define(FORMAT_CONFIG, Type.STRING, FORMAT_DEFAULT, formats, Importance.HIGH, FORMAT_DOC,
                GROUP_FILE, ++order, Width.SHORT, "File format", formats);
        def.define(POLL_INTERVAL_MS_CONFIG, Type.LONG, POLL_INTERVAL_MS_DEFAULT, ConfigDef.Range.between(10L, 3_600_000L),
                Importance.LOW, POLL_INTERVAL_MS_DOC, GROUP_FILE, ++order, Width.SHORT, "Poll interval (ms)");
        def.define(MIN_AGE_MS_CONFIG, Type.LONG, MIN_AGE_MS_DEFAULT, ConfigDef.Range.atLeast(0L),
                Importance.MEDIUM, MIN_AGE_MS_DOC, GROUP_FILE, ++order, Width.SHORT, "Minimum file age (ms)");
        EnumSetting actions = EnumSetting.of(CompletionAction.NONE.configValue(), CompletionAction.MOVE.configValue(),
                CompletionAction.DELETE.configValue());
        def.define(COMPLETED_ACTION_CONFIG, Type.STRING, COMPLETED_ACTION_DEFAULT, actions, Importance.MEDIUM,
                COMPLETED_ACTION_DOC, GROUP_FILE, ++order, Width.SHORT, "Completed file action", actions);
        def.define(COMPLETED_DIR_CONFIG, Type.STRING, "", Importance.MEDIUM, COMPLETED_DIR_DOC,
                GROUP_FILE, ++order, Width.LONG, "Completed files directory");

        def.define(ERROR_DIR_CONFIG, Type.STRING, "", Importance.MEDIUM, ERROR_DIR_DOC,
                GROUP_FILE, ++order, Width.LONG, "Broken files directory");
        EnumSetting identities = EnumSetting.of(FileIdentity.INODE.configValue(), FileIdentity.PATH.configValue(),
                FileIdentity.DEVICE_INODE.configValue());
        def.define(IDENTITY_CONFIG, Type.STRING, IDENTITY_DEFAULT, identities, Importance.MEDIUM, IDENTITY_DOC,
                GROUP_FILE, ++order, Width.SHORT, "File identity", identities);
        def.define(RECORD_MAX_BYTES_CONFIG, Type.INT, RECORD_MAX_BYTES_DEFAULT,
                ConfigDef.Range.between(1024, 256 * 1024 * 1024), Importance.LOW, RECORD_MAX_BYTES_DOC,
                GROUP_FILE, ++order, Width.SHORT, "Largest record (bytes)");
        def.define(MAX_OPEN_FILES_CONFIG, Type.INT, MAX_OPEN_FILES_DEFAULT, ConfigDef.Range.between(1, 10_000),
                Importance.LOW, MAX_OPEN_FILES_DOC, GROUP_FILE, ++order, Width.SHORT, "Files read at once");
        def.define(RETRY_BACKOFF_MAX_MS_CONFIG, Type.LONG, RETRY_BACKOFF_MAX_MS_DEFAULT,
                ConfigDef.Range.between(100L, 3_600_000L), Importance.LOW, RETRY_BACKOFF_MAX_MS_DOC,
                GROUP_FILE, ++order, Width.SHORT, "Longest retry backoff (ms)");

        ObjectStorageKeys.define(def);

        order = 0;
        def.define(CSV_HEADER_CONFIG, Type.BOOLEAN, CSV_HEADER_DEFAULT, Importance.MEDIUM, CSV_HEADER_DOC,
                GROUP_CSV, ++order, Width.SHORT, "Header row");
        def.define(CSV_DELIMITER_CONFIG, Type.STRING, CSV_DELIMITER_DEFAULT, new SingleCharacter(), Importance.LOW,
                CSV_DELIMITER_DOC, GROUP_CSV, ++order, Width.SHORT, "Delimiter");
        def.define(CSV_QUOTE_CONFIG, Type.STRING, CSV_QUOTE_DEFAULT, new SingleCharacter(), Importance.LOW,
                CSV_QUOTE_DOC, GROUP_CSV, ++order, Width.SHORT, "Quote character");
        def.define(CSV_NULL_VALUE_CONFIG, Type.STRING, CSV_NULL_VALUE_DEFAULT, Importance.LOW, CSV_NULL_VALUE_DOC,
                GROUP_CSV, ++order, Width.SHORT, "Null value");
        return def;
    }

    /**
     * Why the format cannot be read without a declared schema, or null when it can (raw config values: also used
     * by {@code validate()} before the config is parsed).
     */
    static String schemaFreeFormatError(boolean declared, String format) {
        if (!declared && format != null && !FileFormat.LINES.configValue().equalsIgnoreCase(format.trim())) {
            return "a value schema (value.schema, value.schema.file or value.schema.subject) is required for file.format=" + format.trim()
                    + "; without one only file.format=lines (each line a string) is allowed";
        }
        return null;
    }

    private String schemaFreeFormatError() {
        return schemaFreeFormatError(DeclaredSchemaSource.from(originalsStrings()).isDeclared(),
                getString(FORMAT_CONFIG));
    }

    public Path path() {
        return Paths.get(getString(PATH_CONFIG).trim());
    }

    public String pattern() {
        return getString(PATTERN_CONFIG);
    }

    /** Matches file names (not paths) against {@code file.pattern}. */
    public PathMatcher fileNameMatcher() {
        return GlobPattern.matcher(pattern());
    }

    public boolean recursive() {
        return getBoolean(RECURSIVE_CONFIG);
    }

    public FileFormat format() {
        return format;
    }

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(POLL_INTERVAL_MS_CONFIG));
    }

    public Duration minAge() {
        return Duration.ofMillis(getLong(MIN_AGE_MS_CONFIG));
    }

    public CompletionAction completedAction() {
        return completedAction;
    }

    /** The directory for {@link CompletionAction#MOVE}; empty when not set. */
    public Optional<Path> completedDir() {
        return nonBlank(getString(COMPLETED_DIR_CONFIG)).map(Paths::get);
    }

    /** The directory broken files are moved into; empty when not set (they stay where they are). */
    public Optional<Path> errorDir() {
        return nonBlank(getString(ERROR_DIR_CONFIG)).map(Paths::get);
    }

    FileIdentity identity() {
        return identity;
    }

    /** How files are named across tasks and restarts, for the start-up log. */
    String identityDescription() {
        return objectStorage != null ? "bucket and key, with the ETag" : identity.configValue();
    }

    /** Whether {@code file.path} names a bucket ({@code s3://bucket/prefix/}) rather than a directory. */
    public boolean isObjectStorage() {
        return ObjectStorageSettings.isS3(getString(PATH_CONFIG));
    }

    /** The storage {@code file.path} names, with the completion and error directories. */
    Storage openStorage() {
        if (objectStorage != null) {
            // the only place the AWS SDK is reached from: a directory's tasks never load it
            return objectStorage.open(getString(PATH_CONFIG), fileNameMatcher(), recursive(), completedAction,
                    nonBlank(getString(COMPLETED_DIR_CONFIG)).orElse(null),
                    nonBlank(getString(ERROR_DIR_CONFIG)).orElse(null));
        }
        return new LocalStorage(path(), fileNameMatcher(), recursive(), identity, completedAction,
                completedDir().orElse(null), errorDir().orElse(null));
    }

    public int recordMaxBytes() {
        return getInt(RECORD_MAX_BYTES_CONFIG);
    }

    public int maxOpenFiles() {
        return getInt(MAX_OPEN_FILES_CONFIG);
    }

    public Duration retryBackoffMax() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_MAX_MS_CONFIG));
    }

    public CsvOptions csvOptions() {
        return CsvOptions.defaults()
                .withHeader(getBoolean(CSV_HEADER_CONFIG))
                .withDelimiter(SingleCharacter.parse(getString(CSV_DELIMITER_CONFIG)))
                .withQuote(SingleCharacter.parse(getString(CSV_QUOTE_CONFIG)))
                .withNullMarker(getString(CSV_NULL_VALUE_CONFIG));
    }
}
