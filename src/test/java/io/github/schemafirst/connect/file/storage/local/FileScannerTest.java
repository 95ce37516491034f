package io.github.schemafirst.connect.file.storage.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileScannerTest {
    @TempDir
    Path dir;

    @Test
    void eachIdentityNamesTheFileItsWay() throws IOException {
        Path file = Files.writeString(Files.createDirectories(dir.resolve("sub")).resolve("a.txt"), "x\n");
        Object dev = Files.getAttribute(file, "unix:dev");
        Object ino = Files.getAttribute(file, "unix:ino");

        assertThat(only(scanner(FileIdentity.INODE)).key()).isEqualTo("ino:" + ino);
        assertThat(only(scanner(FileIdentity.INODE)).legacyKey()).isEqualTo(dev + ":" + ino);
        assertThat(only(scanner(FileIdentity.PATH)).key()).isEqualTo("path:sub/a.txt");
        assertThat(only(scanner(FileIdentity.DEVICE_INODE)).key()).isEqualTo(dev + ":" + ino);
        assertThat(only(scanner(FileIdentity.DEVICE_INODE)).legacyKey()).isNull();
    }

    @Test
    void aKnownPathKeepsItsIdentityUntilAnotherFileTakesItsPlace() throws IOException {
        Path file = Files.writeString(dir.resolve("a.txt"), "first\n");
        FileScanner scanner = scanner(FileIdentity.INODE);
        String first = only(scanner).key();
        Files.writeString(file, "first\nappended\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(only(scanner).key()).isEqualTo(first);

        // a new file under the same name (written aside and renamed over it, as writers do): a new identity
        Path replacement = Files.writeString(dir.resolve(".a.txt.tmp"), "second\n");
        Object replacementInode = Files.getAttribute(replacement, "unix:ino");
        Files.move(replacement, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);

        assertThat(only(scanner).key()).isEqualTo("ino:" + replacementInode).isNotEqualTo(first);
    }

    @Test
    void completedAndErrorDirectoriesInsideThePathAreNeverListed() throws IOException {
        Path done = Files.createDirectory(dir.resolve("done"));
        Path errors = Files.createDirectory(dir.resolve("errors"));
        Files.writeString(done.resolve("old.txt"), "x\n");
        Files.writeString(errors.resolve("broken.txt"), "x\n");
        Files.writeString(dir.resolve("new.txt"), "x\n");
        FileScanner scanner = new FileScanner(dir, FileSystems.getDefault().getPathMatcher("glob:" + "*"), true, List.of(done, errors),
                FileIdentity.INODE);

        assertThat(scanner.scan().stream().map(f -> f.path().getFileName().toString()).collect(Collectors.toList()))
                .containsExactly("new.txt");
    }

    private FileScanner scanner(FileIdentity identity) {
        return new FileScanner(dir, FileSystems.getDefault().getPathMatcher("glob:" + "*"), true, List.of(), identity);
    }

    private static LocalFile only(FileScanner scanner) throws IOException {
        List<LocalFile> found = scanner.scan();
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
