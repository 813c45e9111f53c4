package dev.hygge;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Phaser;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The reader and writer tasks of one flow, on the runtime's executor. The flow's control thread
 * waits for all of them once, whatever happened; a failing task reports its error once and the
 * others are interrupted by the flow's cancellation.
 */
final class FlowTasks {
    private final Executor executor;
    private final BooleanSupplier cancelled;
    private final Consumer<Throwable> failed;
    private final List<Task> tasks = new CopyOnWriteArrayList<>();
    /** The control thread plus one party per running task. */
    private final Phaser phaser = new Phaser(1);
    private boolean awaited;

    /**
     * @param cancelled whether the flow was cancelled: a task that has not started by then does not run
     * @param failed    told of a task's error (the flow keeps the first and cancels the rest)
     */
    FlowTasks(Executor executor, BooleanSupplier cancelled, Consumer<Throwable> failed) {
        this.executor = executor;
        this.cancelled = cancelled;
        this.failed = failed;
    }

    /** Runs {@code body} on the executor; a refused task throws here and counts as never started. */
    void submit(Runnable body) {
        Task task = new Task(body);
        phaser.register();
        tasks.add(task);
        try {
            executor.execute(task);
        } catch (RuntimeException e) {
            tasks.remove(task);
            phaser.arriveAndDeregister();
            throw e;
        }
    }

    /** Interrupts every task that is running now. */
    void interruptAll() {
        for (Task task : tasks) {
            task.interrupt();
        }
    }

    /**
     * Waits (once) for every task to end; on interruption calls {@code onInterrupt} (which cancels
     * the flow) and still waits. Returns whether the waiting thread was interrupted.
     */
    boolean awaitAll(Runnable onInterrupt) {
        if (awaited) {
            return false;
        }
        awaited = true;
        int phase = phaser.arrive();
        boolean interrupted = false;
        while (true) {
            try {
                phaser.awaitAdvanceInterruptibly(phase);
                return interrupted;
            } catch (InterruptedException e) {
                interrupted = true;
                onInterrupt.run();
            }
        }
    }

    /**
     * One task. Cancelling interrupts its thread only while the task runs on it (a pool thread never
     * carries an interrupt to its next task); a task that has not started when the flow is cancelled
     * does not run its body.
     */
    private final class Task implements Runnable {
        private final Runnable body;
        private Thread thread;
        private boolean finished;

        Task(Runnable body) {
            this.body = body;
        }

        @Override
        public void run() {
            synchronized (this) {
                thread = Thread.currentThread();
            }
            try {
                if (!cancelled.getAsBoolean()) {
                    body.run();
                }
            } catch (Throwable t) {
                failed.accept(t);
            } finally {
                synchronized (this) {
                    thread = null;
                    finished = true;
                    Thread.interrupted();
                }
                phaser.arriveAndDeregister();
            }
        }

        synchronized void interrupt() {
            if (thread != null && !finished) {
                thread.interrupt();
            }
        }
    }
}
