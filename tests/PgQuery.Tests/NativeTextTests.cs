using System;
using System.Runtime.InteropServices;

namespace YbMigrate.PgQuery.Tests;

public class NativeTextTests
{
    [Fact]
    public void Length_finds_the_terminator_at_every_alignment_and_length()
    {
        // Lengths around a word, at each start offset within a word, with nonzero bytes after the terminator.
        var memory = Marshal.AllocHGlobal(128);
        try
        {
            for (var offset = 0; offset < 8; offset++)
            {
                for (var length = 0; length < 40; length++)
                {
                    for (var i = 0; i < 128; i++)
                    {
                        Marshal.WriteByte(memory, i, (byte)(i % 2 == 0 ? 0x80 : 0x01));
                    }

                    Marshal.WriteByte(memory, offset + length, 0);
                    Assert.Equal(length, NativeText.Length(memory + offset));
                }
            }
        }
        finally
        {
            Marshal.FreeHGlobal(memory);
        }
    }
}
