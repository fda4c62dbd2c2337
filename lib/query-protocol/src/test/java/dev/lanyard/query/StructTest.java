package dev.lanyard.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StructTest {

    @Test
    void keepsInsertionOrderAndSkipsAbsentOptionals() {
        Struct s = Struct.builder()
                .put("B", "b")
                .putIfPresent("Missing", Optional.empty())
                .put("A", 1)
                .putIfPresent("C", Optional.of("c"))
                .putValueIfPresent("D", Optional.of(new Value.Bool(true)))
                .putValueIfPresent("E", Optional.empty())
                .put("T", Instant.EPOCH)
                .build();
        assertThat(s.fields().keySet()).containsExactly("B", "A", "C", "D", "T");
        assertThat(s.fields().get("A")).isEqualTo(new Value.Int(1));
        assertThat(s).isEqualTo(Struct.builder().put("B", "b").put("A", 1).put("C", "c").put("D", true)
                .put("T", Instant.EPOCH).build());
    }

    @Test
    void fieldsAreUnmodifiableAndBuilderIsSpent() {
        Struct.Builder builder = Struct.builder().put("A", "a");
        Struct s = builder.build();
        assertThatThrownBy(() -> s.fields().put("X", new Value.Int(1))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> builder.put("B", "b")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsDuplicateFields() {
        assertThatThrownBy(() -> Struct.builder().put("A", "a").put("A", "b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1A", "A B", "A<", "Ä", "-A", "a:b"})
    void rejectsNamesThatAreNotPlainXmlNames(String name) {
        assertThatThrownBy(() -> Struct.builder().put(name, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsAwsStyleNames() {
        assertThat(Struct.builder().put("AssumeRolePolicyDocument", "x").put("_a-b.c9", "y").build().fields())
                .hasSize(2);
    }

    @Test
    void valuesCopyTheirInputsAndRejectNulls() {
        List<Value> items = new java.util.ArrayList<>(List.of(new Value.Text("a")));
        Value.ListOf list = new Value.ListOf(items);
        items.clear();
        assertThat(list.items()).hasSize(1);

        Map<String, Value> entries = new LinkedHashMap<>();
        entries.put("z", new Value.Int(1));
        entries.put("a", new Value.Int(2));
        Value.MapOf map = new Value.MapOf(entries);
        entries.clear();
        assertThat(map.entries().keySet()).containsExactly("z", "a");

        assertThatThrownBy(() -> new Value.Text(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Value.Timestamp(null)).isInstanceOf(NullPointerException.class);
        Map<String, Value> withNull = new LinkedHashMap<>();
        withNull.put("k", null);
        assertThatThrownBy(() -> new Value.MapOf(withNull)).isInstanceOf(NullPointerException.class);
    }
}
