package dev.ratchet.testing;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds, in the bytecode of a workflow implementation class (and the classes nested in it), calls that break the
 * determinism rules in a way the running environment cannot observe: a short {@code Thread.sleep} returns before the
 * deadlock detector notices it, and work handed to the common {@code ForkJoinPool} ({@code CompletableFuture.runAsync},
 * {@code supplyAsync} and the other {@code *Async} methods without an executor, parallel streams) runs on threads that
 * already exist, so {@link ThreadWatch} never sees a thread created. The check reads the class files' constant pools
 * (the methods a class calls), so it names the class, not the line, and it sees a call whether or not it runs.
 * Stateless, thread-safe.
 */
final class WorkflowClassCheck {
    private static final int UTF8 = 1;
    private static final int CLASS = 7;
    private static final int METHOD_REF = 10;
    private static final int INTERFACE_METHOD_REF = 11;
    private static final int NAME_AND_TYPE = 12;

    /** A method a class calls: owner (internal name), name and descriptor. */
    record Call(String owner, String name, String descriptor) {
    }

    /** A forbidden call found in a class: what it is and what to use instead. */
    record Finding(String className, String call, String alternative) {
        String message() {
            return "workflow class " + className + " calls " + call + ": that is not deterministic on replay; use "
                    + alternative + " instead (found in its bytecode by the Ratchet test environment; "
                    + "determinismChecks(false) on the builder turns this check off)";
        }
    }

    /** The findings in {@code workflowClass} and the classes nested in it, in the order found, without repeats. */
    List<Finding> check(Class<?> workflowClass) {
        Set<Finding> found = new LinkedHashSet<>();
        for (Class<?> c : classes(workflowClass)) {
            byte[] bytes = bytes(c);
            if (bytes == null) {
                continue; // not readable as a resource (generated, or an unusual class loader): nothing to say
            }
            for (Call call : calls(bytes)) {
                Finding f = judge(workflowClass.getName(), call);
                if (f != null) {
                    found.add(f);
                }
            }
        }
        return List.copyOf(found);
    }

    private static List<Class<?>> classes(Class<?> workflowClass) {
        List<Class<?>> all = new ArrayList<>();
        all.add(workflowClass);
        String prefix = workflowClass.getName() + "$";
        for (Class<?> member : workflowClass.getNestHost().getNestMembers()) {
            if (member.getName().startsWith(prefix)) {
                all.add(member); // nested, local and anonymous classes; lambdas are compiled into the class itself
            }
        }
        return all;
    }

    private static Finding judge(String className, Call c) {
        String owner = c.owner();
        String name = c.name();
        if (owner.equals("java/lang/Thread") && name.equals("sleep")) {
            return new Finding(className, "Thread.sleep", "Workflow.sleep(Duration), a durable timer");
        }
        if (owner.equals("java/util/concurrent/CompletableFuture") && name.endsWith("Async")
                && !c.descriptor().contains("Ljava/util/concurrent/Executor;")) {
            return new Finding(className, "CompletableFuture." + name + " (it runs code on the common ForkJoinPool)",
                    "Async.procedure(...) or Async.function(...) and Promise.get(), or Promise.thenApply(...)");
        }
        if (owner.equals("java/util/concurrent/ForkJoinPool") && name.equals("commonPool")) {
            return new Finding(className, "ForkJoinPool.commonPool()",
                    "Async.procedure(...) or Async.function(...) and Promise.allOf(...)");
        }
        if (name.equals("parallelStream") || (name.equals("parallel") && owner.startsWith("java/util/stream/"))) {
            return new Finding(className, "a parallel stream (" + name + "(), on the common ForkJoinPool)",
                    "a sequential stream, or Async.function(...) per part and Promise.allOf(...)");
        }
        return null;
    }

    private static byte[] bytes(Class<?> c) {
        try (InputStream in = c.getResourceAsStream("/" + c.getName().replace('.', '/') + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    /** The methods a class file refers to, from its constant pool. */
    static List<Call> calls(byte[] classFile) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (in.readInt() != 0xCAFEBABE) {
                return List.of();
            }
            in.readUnsignedShort(); // minor version
            in.readUnsignedShort(); // major version
            int count = in.readUnsignedShort();
            int[] tags = new int[count];
            int[] first = new int[count];
            int[] second = new int[count];
            String[] utf8 = new String[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                tags[i] = tag;
                switch (tag) {
                    case UTF8 -> utf8[i] = in.readUTF();
                    case CLASS, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort(); // class, string, method type,
                                                                                     // module, package
                    case 3, 4 -> in.readInt();                                       // int, float
                    case 5, 6 -> {                                                   // long, double: two slots
                        in.readLong();
                        i++;
                    }
                    case 9, METHOD_REF, INTERFACE_METHOD_REF, NAME_AND_TYPE, 17, 18 -> {
                        first[i] = in.readUnsignedShort();
                        second[i] = in.readUnsignedShort();
                    }
                    case 15 -> {                                                     // method handle
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    default -> {
                        return List.of(); // a constant this reader does not know: give up rather than misread
                    }
                }
            }
            List<Call> calls = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                if (tags[i] == METHOD_REF || tags[i] == INTERFACE_METHOD_REF) {
                    int nameAndType = second[i];
                    calls.add(new Call(utf8[first[first[i]]], utf8[first[nameAndType]], utf8[second[nameAndType]]));
                }
            }
            return calls;
        } catch (IOException | RuntimeException e) {
            return List.of(); // not a class file this reader understands
        }
    }
}
