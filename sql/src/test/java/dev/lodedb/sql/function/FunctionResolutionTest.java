package dev.lodedb.sql.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.types.DataType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Overload resolution: exact matches, implicit casts, unknown literals, ambiguity, errors. */
class FunctionResolutionTest {
    private static final DataType I = DataType.INTEGER;
    private static final DataType U = DataType.UNKNOWN;

    private static ScalarFunction fn(String name, DataType... args) {
        return FunctionRegistry.resolveFunction(name, Arrays.asList(args), 0);
    }

    private static ScalarFunction op(String op, DataType left, DataType right) {
        return FunctionRegistry.resolveOperator(op, left, right, 0);
    }

    @Test
    void exactMatchKeepsTheArgumentTypes() {
        ScalarFunction f = fn("abs", DataType.SMALLINT);
        assertThat(f.parameterTypes()).containsExactly(DataType.SMALLINT);
        assertThat(f.returnType()).isEqualTo(DataType.SMALLINT);
        assertThat(f.strict()).isTrue();
        assertThat(f.volatile_()).isFalse();
    }

    @Test
    void implicitCastsWidenAlongIntegerBigintNumericDouble() {
        assertThat(op("+", I, DataType.BIGINT).parameterTypes())
                .containsExactly(DataType.BIGINT, DataType.BIGINT);
        assertThat(op("+", DataType.BIGINT, DataType.NUMERIC).returnType())
                .isEqualTo(DataType.NUMERIC);
        assertThat(op("*", DataType.NUMERIC, DataType.DOUBLE).parameterTypes())
                .containsExactly(DataType.DOUBLE, DataType.DOUBLE);
        assertThat(op("/", I, DataType.REAL).returnType()).isEqualTo(DataType.DOUBLE);
        // round(integer) prefers double precision, the preferred numeric type (as PostgreSQL)
        assertThat(fn("round", I).parameterTypes()).containsExactly(DataType.DOUBLE);
        assertThat(fn("round", DataType.BIGINT, I).parameterTypes())
                .containsExactly(DataType.NUMERIC, I);
    }

    @Test
    void unknownOperandTakesTheOtherOperandsType() {
        assertThat(op("+", U, I).parameterTypes()).containsExactly(I, I);
        assertThat(op("-", DataType.DATE, U).returnType()).isEqualTo(I); // date - date
        assertThat(op("||", U, U).parameterTypes()).containsExactly(DataType.TEXT, DataType.TEXT);
        assertThat(op("||", U, I).parameterTypes()).containsExactly(DataType.TEXT, I);
    }

    @Test
    void unknownArgumentsPreferTheStringCategory() {
        assertThat(fn("length", U).parameterTypes()).containsExactly(DataType.TEXT);
        assertThat(fn("substring", U, U).parameterTypes())
                .containsExactly(DataType.TEXT, DataType.TEXT);
        assertThat(fn("upper", DataType.varchar(10)).parameterTypes())
                .containsExactly(DataType.TEXT);
    }

    @Test
    void variadicAnyKeepsEachArgumentsType() {
        ScalarFunction f = fn("concat", I, U, DataType.DATE);
        assertThat(f.parameterTypes()).containsExactly(I, DataType.TEXT, DataType.DATE);
        assertThat(f.strict()).isFalse();
        assertThat(fn("pg_typeof", U).parameterTypes()).containsExactly(U);
    }

    @Test
    void volatileFunctions() {
        assertThat(fn("random").volatile_()).isTrue();
        assertThat(fn("gen_random_uuid").volatile_()).isTrue();
        assertThat(fn("clock_timestamp").volatile_()).isTrue();
        assertThat(fn("now").volatile_()).isFalse();
    }

    @Test
    void unknownFunctionIs42883WithHintAndOneBasedPosition() {
        assertThatThrownBy(() -> FunctionRegistry.resolveFunction("foo", List.of(I, DataType.TEXT), 10))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("42883");
                    assertThat(e.getMessage()).isEqualTo("function foo(integer, text) does not exist");
                    assertThat(e.hint()).isEqualTo("No function matches the given name and argument "
                            + "types. You might need to add explicit type casts.");
                    assertThat(e.position()).isEqualTo(11);
                });
        assertThatThrownBy(() -> fn("abs", DataType.TEXT))
                .hasMessage("function abs(text) does not exist");
        assertThatThrownBy(() -> fn("abs"))
                .hasMessage("function abs() does not exist");
        assertThatThrownBy(() -> fn("length", DataType.varchar(3), I))
                .hasMessage("function length(character varying, integer) does not exist");
    }

    @Test
    void unknownOperatorIs42883() {
        assertThatThrownBy(() -> FunctionRegistry.resolveOperator("||", I, DataType.BOOLEAN, 4))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("42883");
                    assertThat(e.getMessage()).isEqualTo("operator does not exist: integer || boolean");
                    assertThat(e.hint()).isEqualTo("No operator matches the given name and argument "
                            + "types. You might need to add explicit type casts.");
                    assertThat(e.position()).isEqualTo(5);
                });
        assertThatThrownBy(() -> op("-", null, DataType.BOOLEAN))
                .hasMessage("operator does not exist: - boolean");
        assertThatThrownBy(() -> op("%", DataType.DOUBLE, I))
                .hasMessage("operator does not exist: double precision % integer");
    }

    @Test
    void ambiguityIs42725() {
        assertThatThrownBy(() -> FunctionRegistry.resolveOperator("+", U, U, 0))
                .isInstanceOfSatisfying(SqlException.class, e -> {
                    assertThat(e.sqlState()).isEqualTo("42725");
                    assertThat(e.getMessage()).isEqualTo("operator is not unique: unknown + unknown");
                    assertThat(e.hint()).isEqualTo("Could not choose a best candidate operator. "
                            + "You might need to add explicit type casts.");
                    assertThat(e.position()).isEqualTo(1);
                });
        assertThatThrownBy(() -> op("+", DataType.DATE, U))
                .hasMessage("operator is not unique: date + unknown");
    }
}
