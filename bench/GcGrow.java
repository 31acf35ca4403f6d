import java.util.ArrayList;
import java.util.List;

/**
 * Keeps about ARG x 10,000 small arrays alive while allocating garbage, printing a line every 50
 * million allocations, for 20 s: with a live set between two thirds of the heap and the heap, the
 * throughput collector can collect without end and without failing. Single-file program:
 * {@code timeout 30 java -Xmx64m -XX:+UseParallelGC [-XX:GCHeapFreeLimit=30] bench/GcGrow.java 45}
 * (docs/benchmarks.md, issue 2, fifth stop).
 */
public class GcGrow {
    public static void main(String[] a) {
        List<byte[]> keep = new ArrayList<>();
        long t0 = System.nanoTime();
        int target = Integer.parseInt(a[0]); // x 10,000 arrays of 100 bytes, about 1.2 MB each
        for (int i = 0; ; i++) {
            byte[] b = new byte[100];
            if (keep.size() < target * 10_000L) keep.add(b);
            else if (i % 1000 == 0) keep.set(i % keep.size(), b);
            if (i % 50_000_000 == 0 && i > 0) { System.out.println("alive " + (System.nanoTime() - t0) / 1_000_000 + " ms, kept " + keep.size()); if ((System.nanoTime() - t0) > 20e9) return; }
        }
    }
}
