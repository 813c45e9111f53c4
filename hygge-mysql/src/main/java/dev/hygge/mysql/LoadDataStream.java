package dev.hygge.mysql;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowReader;

/**
 * An Arrow stream as the bytes of a {@code LOAD DATA LOCAL INFILE} file, encoded as the driver reads
 * them: no file, no second thread and no pipe. Each {@link #read} that finds the buffer empty
 * encodes the next rows (about {@value #CHUNK} bytes of whole rows) from the current batch into
 * one reused {@link TsvBuffer}, and loads the next batch when one is used up.
 *
 * <p>Only whole rows are ever handed to the driver. A failure of the source or of a value is kept
 * ({@link #failure()}) and ends the stream after the last whole row; the loader reports it.
 */
final class LoadDataStream extends InputStream {
    static final int CHUNK = 1 << 16;

    private final ArrowReader batches;
    private final TsvBuffer buffer = new TsvBuffer(CHUNK + (CHUNK >> 2));
    private List<TsvColumn> columns;
    private int rowCount;
    private int row;
    private int position;
    private long rows;
    private boolean done;
    private Exception failure;

    LoadDataStream(ArrowReader batches) {
        this.batches = batches;
    }

    /** Rows handed to the driver so far. */
    long rows() {
        return rows;
    }

    /** What ended the stream early, if anything. */
    Exception failure() {
        return failure;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position >= buffer.size()) {
            if (!fill()) {
                return -1;
            }
        }
        int n = Math.min(length, buffer.size() - position);
        System.arraycopy(buffer.bytes(), position, target, offset, n);
        position += n;
        return n;
    }

    /**
     * Encodes the next whole rows into the buffer; false at the end of the stream. A failure keeps
     * the rows encoded before it, then ends the stream as if the rows were all there: the driver
     * finishes its statement cleanly and the loader reports the failure.
     */
    private boolean fill() {
        if (done) {
            return false;
        }
        buffer.clear();
        position = 0;
        while (buffer.size() < CHUNK) {
            int mark = buffer.size();
            try {
                if (row >= rowCount && !nextBatch()) {
                    done = true;
                    break;
                }
                encodeRow(row);
            } catch (Exception e) {
                buffer.truncate(mark);
                failure = e;
                done = true;
                break;
            }
            row++;
            rows++;
        }
        return buffer.size() > 0;
    }

    private boolean nextBatch() throws IOException {
        while (batches.loadNextBatch()) {
            VectorSchemaRoot root = batches.getVectorSchemaRoot();
            if (root.getRowCount() == 0) {
                continue;
            }
            columns = new ArrayList<>();
            for (FieldVector vector : root.getFieldVectors()) {
                columns.add(TsvColumn.of(vector));
            }
            rowCount = root.getRowCount();
            row = 0;
            return true;
        }
        return false;
    }

    private void encodeRow(int r) {
        for (int c = 0; c < columns.size(); c++) {
            if (c > 0) {
                buffer.tab();
            }
            columns.get(c).write(r, buffer);
        }
        buffer.newline();
    }
}
