package io.github.schemafirst.connect.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskSlotTest {

    @Test
    void everyFileBelongsToExactlyOneTask() {
        for (int count = 1; count <= 5; count++) {
            List<TaskSlot> slots = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                slots.add(new TaskSlot(i, count));
            }
            for (int inode = 0; inode < 200; inode++) {
                String key = "2049:" + (1_000_000 + inode * 7919);
                assertThat(slots.stream().filter(s -> s.owns(key)).count()).as(key).isEqualTo(1);
            }
        }
    }

    @Test
    void negativeHashesAreAssignedToo() {
        String key = "polygenelubricants"; // String.hashCode == Integer.MIN_VALUE
        assertThat(key.hashCode()).isEqualTo(Integer.MIN_VALUE);
        assertThat(new TaskSlot(0, 3).owns(key) || new TaskSlot(1, 3).owns(key) || new TaskSlot(2, 3).owns(key))
                .isTrue();
    }

    @Test
    void aConfigWithoutASlotIsTheOnlyTask() {
        TaskSlot slot = TaskSlot.from(Map.of());
        assertThat(slot.index()).isZero();
        assertThat(slot.count()).isEqualTo(1);
        assertThatThrownBy(() -> TaskSlot.from(Map.of("task.index", "2", "task.count", "2")))
                .hasMessageContaining("task.index=2");
    }
}
