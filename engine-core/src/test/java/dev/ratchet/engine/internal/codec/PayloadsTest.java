package dev.ratchet.engine.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratchet.api.PayloadException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Payload JSON: the scalar fast path writes exactly what the mapper writes (a stored history written by either must
 * read and compare the same), and arguments read back as their declared types.
 */
class PayloadsTest {
    private final Payloads payloads = new Payloads(2 * 1024 * 1024);

    record Item(String sku, int quantity) {
    }

    @Test
    void scalarsAreWrittenExactlyAsTheMapperWritesThem() throws Exception {
        List<Object> values = new ArrayList<>(List.of("", "plain", "quote \" and backslash \\", "tab\tnew\nline\r",
                "</script>", "caf\u00e9 \u4e2d\u6587", "emoji \ud83d\ude00", "lone surrogate \ud83d", "del \u007f",
                Integer.MIN_VALUE, Integer.MAX_VALUE, 0, Long.MIN_VALUE, Long.MAX_VALUE, true, false,
                (short) -7, (byte) 8));
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        values.add(controls.toString());
        values.add(null);
        for (Object v : values) {
            assertThat(Payloads.scalarJson(v)).as("JSON of %s", v)
                    .isEqualTo(payloads.mapper().writeValueAsString(v));
            assertThat(payloads.write(v, "value")).isEqualTo(payloads.mapper().writeValueAsString(v));
        }
        assertThat(Payloads.scalarJson(1.5d)).as("not a plain scalar").isNull();
        assertThat(Payloads.scalarJson(new Item("a", 1))).isNull();
    }

    @Test
    void argumentsAreWrittenAsTheMapperWritesAnArrayWhetherScalarOrNot() throws Exception {
        Object[][] cases = {{}, {"a", 1, 2L, true, null}, {"x\u0001y", new Item("sku-1", 3)}, {1.25d, "z"}};
        for (Object[] args : cases) {
            assertThat(payloads.writeArgs(args, "args")).isEqualTo(payloads.mapper().writeValueAsString(args));
        }
        assertThat(payloads.writeArgs(null, "args")).isEqualTo("[]");
    }

    @Test
    void argumentsReadBackAsTheDeclaredTypes() {
        Type[] types = {String.class, int.class, Item.class, long.class};
        String json = payloads.writeArgs(new Object[] {"a\"b", 7, new Item("s", 2), 9L}, "args");

        assertThat(payloads.readArgs(json, types, "args")).containsExactly("a\"b", 7, new Item("s", 2), 9L);
    }

    @Test
    void argumentsThatDoNotFitTheDeclaredMethodAreRefusedByName() {
        Type[] two = {String.class, int.class};
        assertThatThrownBy(() -> payloads.readArgs("[\"a\"]", two, "input of activity X"))
                .isInstanceOf(PayloadException.class).hasMessageContaining("input of activity X has 1 arguments")
                .hasMessageContaining("declares 2");
        assertThatThrownBy(() -> payloads.readArgs("[\"a\", 1, 2]", two, "input of activity X"))
                .isInstanceOf(PayloadException.class).hasMessageContaining("has 3 arguments");
        assertThatThrownBy(() -> payloads.readArgs("{\"a\": 1}", two, "input of activity X"))
                .isInstanceOf(PayloadException.class).hasMessageContaining("is not a JSON array");
        assertThatThrownBy(() -> payloads.readArgs("[\"a\", \"not a number\"]", two, "input of activity X"))
                .isInstanceOf(PayloadException.class).hasMessageContaining("cannot be read as the declared");
    }
}
