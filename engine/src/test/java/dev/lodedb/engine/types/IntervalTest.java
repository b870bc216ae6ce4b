package dev.lodedb.engine.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lodedb.engine.SqlException;
import dev.lodedb.engine.TestSeeds;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntervalTest {
    @Test
    void comparesLikePostgres() {
        assertThat(Interval.parse("1 mon").compareTo(Interval.parse("30 days"))).isZero();
        assertThat(Interval.parse("1 day").compareTo(Interval.parse("24:00:00"))).isZero();
        assertThat(Interval.parse("1 mon").compareTo(Interval.parse("29 days 23:59:59"))).isPositive();
        assertThat(Interval.parse("-1 mon").compareTo(Interval.parse("1 day"))).isNegative();
        Interval max = new Interval(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE);
        Interval min = new Interval(Integer.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE);
        assertThat(max.compareTo(min)).isPositive();
        assertThat(max.compareTo(new Interval(Integer.MAX_VALUE, Integer.MAX_VALUE, 0))).isPositive();
        assertThat(new Interval(1, 0, 0)).isNotEqualTo(new Interval(0, 30, 0));
    }

    @Test
    void spanRoundTripsThroughFromSpanAsJustifiedInterval() {
        long seed = TestSeeds.seed();
        Random rnd = new Random(seed);
        for (int i = 0; i < 10_000; i++) {
            Interval iv = switch (i % 3) {
                case 0 -> new Interval(rnd.nextInt(), rnd.nextInt(), rnd.nextLong());
                case 1 -> new Interval(rnd.nextInt(100) - 50, rnd.nextInt(100) - 50,
                        rnd.nextLong() % 1_000_000_000_000L);
                default -> new Interval(0, 0, rnd.nextLong());
            };
            Interval back = Interval.fromSpan(iv.span());
            assertThat(back.compareTo(iv)).as("seed %d: %s -> %s", seed, iv, back).isZero();
            assertThat(back.span()).isEqualTo(iv.span());
        }
        assertThat(Interval.fromSpan(new Interval(0, 45, 0).span())).isEqualTo(new Interval(1, 15, 0));
        assertThat(Interval.fromSpan(new Interval(0, -1, -3_600_000_000L).span()))
                .isEqualTo(new Interval(0, -1, -3_600_000_000L));
    }

    @Test
    void addsToDatesAndTimestampsLikeTimestampPlInterval() {
        assertThat(Interval.parse("1 mon").addTo(LocalDate.of(2024, 1, 31)))
                .isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
        assertThat(Interval.parse("30 days").addTo(LocalDate.of(2024, 1, 31)))
                .isEqualTo(LocalDateTime.of(2024, 3, 1, 0, 0));
        assertThat(Interval.parse("1 mon 1 day 01:00").addTo(LocalDateTime.of(2023, 1, 31, 23, 0)))
                .isEqualTo(LocalDateTime.of(2023, 3, 2, 0, 0));
        assertThat(Interval.parse("-1 year").addTo(LocalDateTime.of(2024, 2, 29, 0, 0)))
                .isEqualTo(LocalDateTime.of(2023, 2, 28, 0, 0));
        assertThat(Interval.parse("1 day").addTo(LocalDateTime.MAX)).isEqualTo(LocalDateTime.MAX);
        assertThat(Interval.parse("1 hour").addTo(
                OffsetDateTime.of(2024, 1, 1, 23, 30, 0, 0, ZoneOffset.UTC)))
                .isEqualTo(OffsetDateTime.of(2024, 1, 2, 0, 30, 0, 0, ZoneOffset.UTC));
        assertThatThrownBy(() -> Interval.parse("1000 years").addTo(LocalDateTime.of(294000, 1, 1, 0, 0)))
                .isInstanceOf(SqlException.class).hasMessage("timestamp out of range");
    }

    @Test
    void arithmetic() {
        assertThat(Interval.parse("1 day").plus(Interval.parse("-2 hours")))
                .isEqualTo(new Interval(0, 1, -7_200_000_000L));
        assertThat(Interval.parse("1 year -1 day").negate()).isEqualTo(new Interval(-12, 1, 0));
        assertThat(Interval.of(1, 2, 3, 4, 5, 6, 7)).isEqualTo(Interval.parse("1 year 2 mons 3 days 04:05:06.000007"));
        assertThatThrownBy(() -> new Interval(Integer.MIN_VALUE, 0, 0).negate())
                .isInstanceOf(SqlException.class).hasMessage("interval out of range");
    }

    @Test
    void formatMatchesEncodeIntervalPostgresStyle() {
        assertThat(Interval.ZERO.toString()).isEqualTo("00:00:00");
        assertThat(new Interval(14, 3, 4 * 3_600_000_000L + 5 * 60_000_000L + 6_000_000L).toString())
                .isEqualTo("1 year 2 mons 3 days 04:05:06");
        assertThat(new Interval(-1, 0, 0).toString()).isEqualTo("-1 mons");
        assertThat(new Interval(-13, 0, 0).toString()).isEqualTo("-1 years -1 mons");
        assertThat(new Interval(0, 1, 0).toString()).isEqualTo("1 day");
        assertThat(new Interval(0, 0, -1).toString()).isEqualTo("-00:00:00.000001");
        assertThat(new Interval(0, -2, 1_500_000).toString()).isEqualTo("-2 days +00:00:01.5");
        assertThat(new Interval(0, 0, 100 * 3_600_000_000L).toString()).isEqualTo("100:00:00");
        assertThat(new Interval(Integer.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE).toString())
                .isEqualTo("-178956970 years -8 mons -2147483648 days -2562047788:00:54.775808");
    }

    @Test
    void textRoundTripsForRandomIntervals() {
        long seed = TestSeeds.seed();
        Random rnd = new Random(seed);
        for (int i = 0; i < 10_000; i++) {
            Interval iv = new Interval(rnd.nextInt(), rnd.nextInt(),
                    i % 2 == 0 ? rnd.nextLong() : rnd.nextLong() % 100_000_000_000L);
            if (iv.micros() == Long.MIN_VALUE) {
                continue;
            }
            assertThat(Interval.parse(iv.toString())).as("seed %d: %s", seed, iv).isEqualTo(iv);
        }
    }
}
