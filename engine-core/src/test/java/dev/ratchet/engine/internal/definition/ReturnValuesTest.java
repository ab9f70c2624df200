package dev.ratchet.engine.internal.definition;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReturnValuesTest {
    @Test
    void primitiveZerosAreBoxedToTheirOwnType() {
        assertThat(ReturnValues.zeroOf(int.class)).isEqualTo(0);
        assertThat(ReturnValues.zeroOf(long.class)).isEqualTo(0L);
        assertThat(ReturnValues.zeroOf(double.class)).isEqualTo(0.0);
        assertThat(ReturnValues.zeroOf(float.class)).isEqualTo(0.0f);
        assertThat(ReturnValues.zeroOf(short.class)).isEqualTo((short) 0);
        assertThat(ReturnValues.zeroOf(byte.class)).isEqualTo((byte) 0);
        assertThat(ReturnValues.zeroOf(char.class)).isEqualTo('\0');
        assertThat(ReturnValues.zeroOf(boolean.class)).isEqualTo(false);
    }

    @Test
    void referenceTypesAndVoidGiveNull() {
        assertThat(ReturnValues.zeroOf(void.class)).isNull();
        assertThat(ReturnValues.zeroOf(Integer.class)).isNull();
        assertThat(ReturnValues.zeroOf(String.class)).isNull();
    }
}
