using LiveProfile.Storage.IO;
using LiveProfile.Storage.Tests.Log;

namespace LiveProfile.Storage.Tests.IO;

public sealed class DirectorySyncTests
{
    [Fact]
    public void Fsync_ExistingDirectory_Succeeds()
    {
        using var dir = new TempDirectory();
        DirectorySync.Fsync(dir.Path);
    }

    [Fact]
    public void Fsync_MissingDirectory_ThrowsIOExceptionOnUnix()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // directory fsync is a no-op there
        }

        using var dir = new TempDirectory();
        Assert.Throws<IOException>(() => DirectorySync.Fsync(dir.Combine("missing")));
    }
}
