using System.IO;
using YbMigrate.PgQuery;

namespace YbMigrate.PgQuery.Tests;

public class NativeLibraryLoaderTests
{
    [Fact]
    public void Loads_from_the_versioned_soname_or_plain_name_by_default()
    {
        Assert.Contains(NativeLibraryLoader.LoadedFrom, NativeLibraryLoader.CandidateNames);
    }

    [Fact]
    public void Loads_from_a_configured_absolute_path()
    {
        var path = "/usr/lib/x86_64-linux-gnu/libpg_query.so.1504.0";
        Assert.True(File.Exists(path), "Debian's libpg-query package is expected on the test machine");
        Assert.Equal(path, NativeLibraryLoader.Load(path).Name);
    }

    [Theory]
    [InlineData("libpg_query.so")]
    [InlineData("/nonexistent/libpg_query.so")]
    public void A_configured_path_that_is_not_an_existing_absolute_path_is_a_clear_error(string configured)
    {
        var error = Assert.Throws<LibPgQueryNotFoundException>(() => NativeLibraryLoader.Load(configured));
        Assert.Contains(NativeLibraryLoader.PathVariable, error.Message);
        Assert.Contains("apt-get install libpg-query-dev", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_library_is_a_clear_error()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a shared object");
            var error = Assert.Throws<LibPgQueryNotFoundException>(() => NativeLibraryLoader.Load(path));
            Assert.Contains("could not be loaded", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_library_without_libpg_query_symbols_is_a_clear_error()
    {
        var error = Assert.Throws<LibPgQueryNotFoundException>(() => new NativeMethods.Bindings(NativeLibraryLoader.Load("/lib/x86_64-linux-gnu/libz.so.1")));
        Assert.Contains("pg_query_parse", error.Message);
    }
}
