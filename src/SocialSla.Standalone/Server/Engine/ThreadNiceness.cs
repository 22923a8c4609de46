using System.Runtime.InteropServices;

namespace SocialSla.Standalone.Server.Engine;

/// <summary>Lowers the scheduling priority of the calling thread (Linux: its nice value; elsewhere nothing). Raising a
/// nice value needs no privilege; lowering it back would.</summary>
internal static partial class ThreadNiceness
{
    private const int PrioProcess = 0;

    public static void Lower(int increment)
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            // On Linux, PRIO_PROCESS with a thread id applies to that thread alone.
            var tid = GetTid();
            var current = GetPriority(PrioProcess, tid);
            SetPriority(PrioProcess, tid, Math.Min(19, current + increment));
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc: run at the normal priority.
        }
    }

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetTid();

    [LibraryImport("libc", EntryPoint = "getpriority")]
    private static partial int GetPriority(int which, int who);

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);
}
