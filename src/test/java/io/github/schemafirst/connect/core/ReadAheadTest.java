package io.github.schemafirst.connect.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.spi.MDCAdapter;

class ReadAheadTest {
    private final ReadAhead<String> readAhead = new ReadAhead<>("read-ahead-test");

    @AfterEach
    void close() {
        readAhead.close();
        MDC.clear();
    }

    @Test
    void nothingIsPendingUntilStartedAndAfterTheResultIsTaken() throws Exception {
        assertThat(readAhead.isPending()).isFalse();
        assertThat(readAhead.take(10)).isNull();

        readAhead.start(() -> "batch");
        assertThat(readAhead.isPending()).isTrue();
        assertThat(readAhead.take(10_000)).isEqualTo("batch");
        assertThat(readAhead.isPending()).isFalse();
    }

    @Test
    void nextStartsTheWorkWhenNothingIsPendingAndOtherwiseTakesThePendingResult() throws Exception {
        assertThat(readAhead.next(() -> "read now", 10_000)).isEqualTo("read now");

        readAhead.start(() -> "read ahead");
        AtomicBoolean ranInstead = new AtomicBoolean();
        assertThat(readAhead.next(() -> {
            ranInstead.set(true);
            return "not read";
        }, 10_000)).isEqualTo("read ahead");
        assertThat(ranInstead).isFalse();
    }

    @Test
    void aResultNotReadyInTimeStaysPending() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        readAhead.start(() -> {
            release.await();
            return "late";
        });
        assertThat(readAhead.take(20)).isNull();
        assertThat(readAhead.isPending()).isTrue();
        release.countDown();
        assertThat(readAhead.take(10_000)).isEqualTo("late");
    }

    @Test
    void theWorkRunsOnItsOwnNamedThreadWithTheLoggingContextOfTheThreadThatStartedIt() throws Exception {
        // slf4j-simple, the tests' binding, keeps no MDC: use slf4j's basic adapter for this test. Its inheritable
        // context would reach a thread created after put(), so the read-ahead thread is created first.
        MDCAdapter before = MDC.getMDCAdapter();
        Method setAdapter = MDC.class.getDeclaredMethod("setMDCAdapter", MDCAdapter.class);
        setAdapter.setAccessible(true);
        setAdapter.invoke(null, new BasicMDCAdapter());
        try {
            readAhead.start(() -> "thread created");
            assertThat(readAhead.take(10_000)).isEqualTo("thread created");

            MDC.put("connector.context", "[users|task-0] ");
            AtomicReference<String> seen = new AtomicReference<>();
            readAhead.start(() -> {
                seen.set(Thread.currentThread().getName() + " " + MDC.get("connector.context"));
                return "ok";
            });
            assertThat(readAhead.take(10_000)).isEqualTo("ok");
            assertThat(seen.get()).isEqualTo("read-ahead-test [users|task-0] ");
        } finally {
            MDC.clear();
            setAdapter.invoke(null, before);
        }
    }

    @Test
    void whatTheWorkThrowsIsThrownWhereTheResultIsTaken() throws Exception {
        readAhead.start(() -> {
            throw new ConnectException("a.txt:4 broken");
        });
        assertThatThrownBy(() -> readAhead.take(10_000)).isInstanceOf(ConnectException.class)
                .hasMessage("a.txt:4 broken");
        assertThat(readAhead.isPending()).isFalse();

        readAhead.start(() -> {
            throw new IOException("disk gone");
        });
        assertThatThrownBy(() -> readAhead.take(10_000)).isInstanceOf(ConnectException.class)
                .hasMessage("disk gone").hasCauseInstanceOf(IOException.class);
    }

    @Test
    void closingDropsTheResultWithoutInterruptingTheWorkAndStartsNothingMore() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        readAhead.start(() -> {
            running.countDown();
            release.await();
            interrupted.set(Thread.currentThread().isInterrupted());
            finished.countDown();
            return "dropped";
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        readAhead.close();
        assertThat(readAhead.isPending()).isFalse();
        release.countDown();
        assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).isFalse(); // an interrupted FileChannel read would close the file

        AtomicBoolean ranAfterClose = new AtomicBoolean();
        readAhead.start(() -> {
            ranAfterClose.set(true);
            return "never";
        });
        assertThat(readAhead.isPending()).isFalse();
        assertThat(ranAfterClose).isFalse();
    }
}
