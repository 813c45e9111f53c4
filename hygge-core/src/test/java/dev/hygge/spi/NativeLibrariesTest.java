package dev.hygge.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibrariesTest {
    @TempDir
    Path temp;

    @Test
    void theCopyThisProcessMappedIsDeletedAndNoOther() throws Exception {
        Path mine = Files.write(temp.resolve("libx_java111.so"), new byte[8]);
        Path theirs = Files.write(temp.resolve("libx_java222.so"), new byte[8]);
        Path unrelated = Files.write(temp.resolve("liby222.so"), new byte[8]);
        Path maps = Files.writeString(temp.resolve("maps"), String.join("\n",
                "7f00-7f01 r-xp 00000000 08:01 123 " + mine.toRealPath(),
                "7f01-7f02 r--p 00000000 08:01 124 " + unrelated.toRealPath(),
                "7f02-7f03 rw-p 00000000 00:00 0 [heap]",
                "7f03-7f04 r-xp 00000000 08:01 125 /usr/lib/libx_java333.so"));
        assertThat(NativeLibraries.removeOwn(temp, "libx_java", ".so", maps)).isEqualTo(1);
        assertThat(mine).doesNotExist();
        assertThat(theirs).exists();
        assertThat(unrelated).exists();
        assertThat(NativeLibraries.removeOwn(temp, "libx_java", ".so", temp.resolve("no-such-maps"))).isZero();
    }

    @Test
    void onlyCopiesOlderThanTheCutOffAreOrphans() throws Exception {
        Path old = Files.write(temp.resolve("libx_java1.so"), new byte[8]);
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(600)));
        Path fresh = Files.write(temp.resolve("libx_java2.so"), new byte[8]);
        Path oldOther = Files.write(temp.resolve("other.so"), new byte[8]);
        Files.setLastModifiedTime(oldOther, FileTime.from(Instant.now().minusSeconds(600)));
        assertThat(NativeLibraries.removeOrphans(temp, "libx_java", ".so", Instant.now().minus(NativeLibraries.ORPHANED_AFTER)))
                .isEqualTo(1);
        assertThat(NativeLibraries.copies(temp, "libx_java", ".so")).containsExactly(fresh);
        assertThat(oldOther).exists();
    }
}
