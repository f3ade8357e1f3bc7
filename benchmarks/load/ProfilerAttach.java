import com.sun.tools.attach.VirtualMachine;

/**
 * Loads a native JVMTI agent into a running JVM with its options: async-profiler's
 * {@code start,...} and {@code stop,file=...,collapsed}. {@code jcmd <pid> JVMTI.agent_load} cannot
 * pass them: its argument parser reads {@code start,event=cpu} as a named argument.
 *
 * <pre>java benchmarks/load/ProfilerAttach.java &lt;pid&gt; &lt;agent .so&gt; &lt;options&gt;</pre>
 *
 * Run by {@code asprof.sh}, which fetches the agent and times the profile.
 */
public final class ProfilerAttach {

  private ProfilerAttach() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: ProfilerAttach <pid> <agent .so> <options>");
      System.exit(2);
    }
    VirtualMachine vm = VirtualMachine.attach(args[0]);
    try {
      vm.loadAgentPath(args[1], args[2]);
    } finally {
      vm.detach();
    }
  }
}
