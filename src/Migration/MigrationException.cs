using System;

namespace YbMigrate.Migration;

/// <summary>
/// A migration step that cannot go on for a reason the user can fix (a missing table, a changed
/// file, a bad manifest...): the message names what and says what to do. The CLI prints it and exits
/// with code 2; any other exception is a bug.
/// </summary>
public abstract class MigrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected MigrationException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    protected MigrationException(string message, Exception? inner) : base(message, inner)
    {
    }
}
