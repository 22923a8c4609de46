namespace SocialSla.Standalone.Cli;

/// <summary>The documented exit codes of the <c>socialsla</c> command.</summary>
internal static class ExitCodes
{
    /// <summary>Done (a replay may still have skipped malformed rows; they are reported on standard error).</summary>
    public const int Ok = 0;

    /// <summary>Stopped at a malformed row because <c>--strict</c> was given.</summary>
    public const int StrictStop = 1;

    /// <summary>Bad arguments, or a missing or unreadable input file or policy.</summary>
    public const int BadInput = 2;

    /// <summary><c>erase</c>: done for everything applied, but envelopes not yet applied hold the author id.</summary>
    public const int Unfinished = 3;

    /// <summary><c>erase</c>: the database could not be changed (locked by a running server, a disk error); nothing was erased.</summary>
    public const int Failed = 4;
}
