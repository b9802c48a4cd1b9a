package dev.switchboard.server.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live threads of this JVM (server, emulator and test share it), virtual ones included: the JSON thread dump
 * lists those, {@link Thread#getAllStackTraces()} does not.
 *
 * @param families        platform threads by name with digits folded ({@code HttpClient-#-SelectorManager})
 * @param nonDaemon       platform threads that would keep the JVM alive
 * @param streamPumps     names of threads still pumping an upstream stream ({@code sse-<provider>})
 * @param busyWithRequest threads other than the caller's with a Switchboard frame on their stack: a request still
 *                        being served, upstream or downstream, by the gateway or by the emulator
 */
record ThreadCensus(
        Map<String, Integer> families, int nonDaemon, List<String> streamPumps, List<String> busyWithRequest) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ThreadCensus take() {
        Map<String, Integer> families = new TreeMap<>();
        int nonDaemon = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.isAlive()) continue;
            families.merge(t.getName().replaceAll("\\d+", "#"), 1, Integer::sum);
            if (!t.isDaemon()) nonDaemon++;
        }
        List<String> pumps = new ArrayList<>();
        List<String> busy = new ArrayList<>();
        String self = String.valueOf(Thread.currentThread().threadId());
        for (JsonNode t : dump()) {
            String name = t.path("name").asText();
            if (name.startsWith("sse-")) pumps.add(name);
            if (t.path("tid").asText().equals(self)) continue;
            // the upstream-call deadline watchdog is a long-lived helper (it ends after idling), not a request
            if (name.equals("switchboard-call-deadlines")) continue;
            for (JsonNode frame : t.path("stack")) {
                String f = frame.asText();
                if (f.contains("dev.switchboard.") && !f.contains("dev.switchboard.server.faults.")) {
                    busy.add((name.isEmpty() ? "#" + t.path("tid").asText() : name) + " at " + f);
                    break;
                }
            }
        }
        return new ThreadCensus(families, nonDaemon, pumps, busy);
    }

    int count(String family) {
        return families.getOrDefault(family, 0);
    }

    int platformThreads() {
        return families.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static List<JsonNode> dump() {
        try {
            Path dir = Files.createTempDirectory("threads");
            Path file = dir.resolve("dump.json");
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
            JsonNode root = JSON.readTree(file.toFile());
            Files.delete(file);
            Files.delete(dir);
            List<JsonNode> threads = new ArrayList<>();
            for (JsonNode container : root.path("threadDump").path("threadContainers")) {
                container.path("threads").forEach(threads::add);
            }
            return threads;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
