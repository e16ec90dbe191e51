using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace YbMigrationAnalyzers;

/// <summary>
/// A piece of EF Core configuration that the Npgsql provider turns into DDL: the statement it
/// stands for (as SQL, so the linter's own rule judges it, with its message and the target
/// version), the one rule expected from it, and where in C# to report it.
/// </summary>
internal readonly struct ModelConstruct
{
    public ModelConstruct(Location location, string sql, string ruleId)
    {
        Location = location;
        Sql = sql;
        RuleId = ruleId;
    }

    public Location Location { get; }

    public string Sql { get; }

    public string RuleId { get; }
}

/// <summary>
/// EF Core model configuration and migrations that produce DDL YugabyteDB rejects, resolved by
/// symbol once per compilation: the Npgsql provider's builder extensions (HasMethod,
/// HasPostgresExtension, IsUnlogged, HasStorageParameter, UseXminAsConcurrencyToken), row
/// versions / concurrency tokens mapped to the <c>xmin</c> system column, and the migration
/// builders' <c>Npgsql:*</c> annotations and <c>xmin</c> columns.
/// </summary>
internal sealed class EfModelTargets
{
    private const string IndexMethodAnnotation = "Npgsql:IndexMethod";
    private const string ExtensionAnnotationPrefix = "Npgsql:PostgresExtension:";
    private const string UnloggedAnnotation = "Npgsql:UnloggedTable";
    private const string StorageParameterPrefix = "Npgsql:StorageParameter:";
    private const string Xmin = "xmin";

    private readonly INamedTypeSymbol? _entityTypeExtensions;
    private readonly INamedTypeSymbol? _indexExtensions;
    private readonly INamedTypeSymbol? _modelExtensions;
    private readonly INamedTypeSymbol? _propertyBuilder;
    private readonly INamedTypeSymbol? _relationalPropertyExtensions;
    private readonly INamedTypeSymbol? _operationBuilder;
    private readonly INamedTypeSymbol? _columnsBuilder;
    private readonly INamedTypeSymbol? _migrationBuilder;
    private readonly INamedTypeSymbol? _createIndex;
    private readonly INamedTypeSymbol? _alterDatabase;
    private readonly INamedTypeSymbol? _createTable;
    private readonly INamedTypeSymbol? _alterTable;

    public EfModelTargets(Compilation compilation)
    {
        // Only the Npgsql provider maps these to PostgreSQL DDL; without it there is nothing to check.
        if (compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.NpgsqlModelBuilderExtensions") is not { } modelExtensions)
        {
            return;
        }

        _modelExtensions = modelExtensions;
        _entityTypeExtensions = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.NpgsqlEntityTypeBuilderExtensions");
        _indexExtensions = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.NpgsqlIndexBuilderExtensions");
        _propertyBuilder = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Metadata.Builders.PropertyBuilder");
        _relationalPropertyExtensions = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.RelationalPropertyBuilderExtensions");
        _operationBuilder = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Migrations.Operations.Builders.OperationBuilder`1");
        _columnsBuilder = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Migrations.Operations.Builders.ColumnsBuilder");
        _migrationBuilder = compilation.GetTypeByMetadataName("Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder");
        const string operations = "Microsoft.EntityFrameworkCore.Migrations.Operations.";
        _createIndex = compilation.GetTypeByMetadataName(operations + "CreateIndexOperation");
        _alterDatabase = compilation.GetTypeByMetadataName(operations + "AlterDatabaseOperation");
        _createTable = compilation.GetTypeByMetadataName(operations + "CreateTableOperation");
        _alterTable = compilation.GetTypeByMetadataName(operations + "AlterTableOperation");
    }

    public bool IsEnabled => _modelExtensions is not null;

    /// <summary>The constructs one call configures (usually none).</summary>
    public void Find(IInvocationOperation invocation, List<ModelConstruct> found)
    {
        if (!IsEnabled)
        {
            return;
        }

        var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
        var type = method.ContainingType?.OriginalDefinition;
        if (type is null)
        {
            return;
        }

        if (Is(type, _entityTypeExtensions))
        {
            FindEntityType(invocation, method.Name, found);
        }
        else if (Is(type, _indexExtensions))
        {
            FindIndex(invocation, method.Name, found);
        }
        else if (Is(type, _modelExtensions))
        {
            if (method.Name == "HasPostgresExtension" && Argument(invocation, "name") is { } name && Constant(name) is string extension)
            {
                found.Add(new ModelConstruct(ArgumentLocation(name), CreateExtension(extension), "YB1030"));
            }
        }
        else if (method.Name is "IsRowVersion" or "IsConcurrencyToken" && DerivesFrom(type, _propertyBuilder))
        {
            FindConcurrencyToken(invocation, method.Name, found);
        }
        else if (method.Name == "Annotation" && OperationOf(method.ContainingType!) is { } operation)
        {
            FindAnnotation(invocation, operation, found);
        }
        else if (method.Name == "Column" && Is(type, _columnsBuilder) || method.Name == "AddColumn" && Is(type, _migrationBuilder))
        {
            FindXminColumn(invocation, found);
        }
    }

    private void FindEntityType(IInvocationOperation invocation, string name, List<ModelConstruct> found)
    {
        switch (name)
        {
            case "UseXminAsConcurrencyToken":
                found.Add(new ModelConstruct(NameLocation(invocation), SelectXmin, "YB3002"));
                break;
            case "IsUnlogged" when Argument(invocation, "unlogged") is not { } unlogged || Constant(unlogged) is true:
                found.Add(new ModelConstruct(NameLocation(invocation), CreateUnloggedTable, "YB1002"));
                break;

            // A table's own storage parameters go into CREATE TABLE ... WITH (...), which the linter
            // accepts; only changing them later (ALTER TABLE ... SET, from a migration) is reported.
        }
    }

    private void FindIndex(IInvocationOperation invocation, string name, List<ModelConstruct> found)
    {
        switch (name)
        {
            case "HasMethod" when Argument(invocation, "method") is { } argument && Constant(argument) is string method:
                if (IndexWithMethod(method) is { } sql)
                {
                    found.Add(new ModelConstruct(ArgumentLocation(argument), sql, "YB1003"));
                }

                break;
            case "HasStorageParameter" when Argument(invocation, "parameterName") is { } argument && Constant(argument) is string parameter:
                found.Add(new ModelConstruct(ArgumentLocation(argument), IndexWithParameter(parameter), "YB1004"));
                break;
        }
    }

    /// <summary>[Timestamp] on a uint property: the Npgsql provider maps it to xmin, as it does IsRowVersion().</summary>
    public void FindTimestampXmin(IPropertySymbol property, List<ModelConstruct> found)
    {
        if (property.Type.SpecialType != SpecialType.System_UInt32)
        {
            return;
        }

        foreach (var attribute in property.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == "System.ComponentModel.DataAnnotations.TimestampAttribute"
                && attribute.ApplicationSyntaxReference?.GetSyntax() is { } syntax)
            {
                found.Add(new ModelConstruct(syntax.GetLocation(), SelectXmin, "YB3002"));
            }
        }
    }

    // IsRowVersion()/IsConcurrencyToken() on a property whose column is xmin; the Npgsql provider
    // also maps any uint row version to xmin.
    private void FindConcurrencyToken(IInvocationOperation invocation, string name, List<ModelConstruct> found)
    {
        if (name == "IsRowVersion" && IsUInt32Builder(invocation.Instance?.Type))
        {
            found.Add(new ModelConstruct(NameLocation(invocation), SelectXmin, "YB3002"));
            return;
        }

        if (name == "IsConcurrencyToken" && Argument(invocation, "concurrencyToken") is { } flag && Constant(flag) is false)
        {
            return;
        }

        if (ColumnName(invocation) == Xmin)
        {
            found.Add(new ModelConstruct(NameLocation(invocation), SelectXmin, "YB3002"));
        }
    }

    // The column of the property a fluent chain configures: HasColumnName(..) anywhere in the
    // chain, else the property's name (Property(e => e.Xmin) or Property<uint>("xmin")).
    private string? ColumnName(IInvocationOperation invocation)
    {
        // Calls after this one in the chain: ...IsRowVersion().HasColumnName("xmin").
        IOperation current = invocation;
        while (current.Parent is IInvocationOperation next && next.Instance == current
               || current.Parent is IArgumentOperation { Parent: IInvocationOperation extension } && extension.Arguments[0].Value == current
                  && extension.TargetMethod.IsExtensionMethod)
        {
            var call = current.Parent as IInvocationOperation ?? (IInvocationOperation)current.Parent!.Parent!;
            if (HasColumnName(call) is { } named)
            {
                return named;
            }

            current = call;
        }

        // Calls before it, down to Property(..).
        for (var receiver = Receiver(invocation); receiver is not null; receiver = Receiver(receiver))
        {
            if (HasColumnName(receiver) is { } named)
            {
                return named;
            }

            if (receiver.TargetMethod.Name == "Property" && receiver.Arguments.Length > 0)
            {
                var argument = Unconverted(receiver.Arguments[receiver.TargetMethod.IsExtensionMethod ? 1 : 0].Value);
                return argument switch
                {
                    { ConstantValue: { HasValue: true, Value: string propertyName } } => propertyName,
                    IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } => LambdaMember(lambda),
                    IAnonymousFunctionOperation lambda => LambdaMember(lambda),
                    _ => null,
                };
            }
        }

        return null;
    }

    private string? HasColumnName(IInvocationOperation call)
    {
        var method = call.TargetMethod.ReducedFrom ?? call.TargetMethod;
        return method.Name == "HasColumnName" && Is(method.ContainingType?.OriginalDefinition, _relationalPropertyExtensions)
                                              && Argument(call, "name") is { } name
            ? Constant(name) as string
            : null;
    }

    private static string? LambdaMember(IAnonymousFunctionOperation lambda)
    {
        foreach (var operation in lambda.Body.Operations)
        {
            if (operation is IReturnOperation { ReturnedValue: { } value } && Unconverted(value) is IMemberReferenceOperation member)
            {
                return member.Member.Name;
            }
        }

        return null;
    }

    private void FindAnnotation(IInvocationOperation invocation, INamedTypeSymbol operation, List<ModelConstruct> found)
    {
        if (Argument(invocation, "name") is not { } nameArgument || Constant(nameArgument) is not string name)
        {
            return;
        }

        var valueArgument = Argument(invocation, "value");
        var value = valueArgument is null ? null : Constant(valueArgument);
        if (name == IndexMethodAnnotation && Is(operation, _createIndex))
        {
            if (value is string method && IndexWithMethod(method) is { } sql && valueArgument is not null)
            {
                found.Add(new ModelConstruct(ArgumentLocation(valueArgument), sql, "YB1003"));
            }
        }
        else if (name.StartsWith(ExtensionAnnotationPrefix, StringComparison.Ordinal) && Is(operation, _alterDatabase))
        {
            // Npgsql:PostgresExtension:[schema.]name
            var extension = name.Substring(ExtensionAnnotationPrefix.Length);
            var dot = extension.LastIndexOf('.');
            found.Add(new ModelConstruct(ArgumentLocation(nameArgument), CreateExtension(dot < 0 ? extension : extension.Substring(dot + 1)), "YB1030"));
        }
        else if (name == UnloggedAnnotation && Is(operation, _createTable) && value is true)
        {
            found.Add(new ModelConstruct(ArgumentLocation(nameArgument), CreateUnloggedTable, "YB1002"));
        }
        else if (name.StartsWith(StorageParameterPrefix, StringComparison.Ordinal))
        {
            var parameter = name.Substring(StorageParameterPrefix.Length);
            if (Is(operation, _createIndex))
            {
                found.Add(new ModelConstruct(ArgumentLocation(nameArgument), IndexWithParameter(parameter), "YB1004"));
            }
            else if (Is(operation, _alterTable))
            {
                found.Add(new ModelConstruct(ArgumentLocation(nameArgument), "ALTER TABLE t SET (" + Quote(parameter) + " = 1)", "YB1036"));
            }
        }
    }

    // table.Column<uint>(type: "xid", ...) named xmin (by name: or by the anonymous member it
    // initializes), or migrationBuilder.AddColumn<uint>(name: "xmin", ...).
    private void FindXminColumn(IInvocationOperation invocation, List<ModelConstruct> found)
    {
        string? column = null;
        Location? memberName = null;
        var nameArgument = Argument(invocation, "name");
        if (nameArgument is not null && nameArgument.ArgumentKind != ArgumentKind.DefaultValue)
        {
            column = Constant(nameArgument) as string;
        }
        else if (invocation.Parent is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation member, Parent: IAnonymousObjectCreationOperation }
                 && invocation.Syntax.Parent is AnonymousObjectMemberDeclaratorSyntax { NameEquals: { } nameEquals })
        {
            column = member.Property.Name;
            memberName = nameEquals.Name.GetLocation();
        }

        if (column != Xmin)
        {
            return;
        }

        var type = Argument(invocation, "type") is { ArgumentKind: not ArgumentKind.DefaultValue } typeArgument ? Constant(typeArgument) as string : null;
        var rowVersion = Argument(invocation, "rowVersion") is { ArgumentKind: not ArgumentKind.DefaultValue } flag && Constant(flag) is true;
        var isUint = invocation.TargetMethod.TypeArguments.Length == 1 && invocation.TargetMethod.TypeArguments[0].SpecialType == SpecialType.System_UInt32;
        if (string.Equals(type, "xid", StringComparison.OrdinalIgnoreCase) || rowVersion || type is null && isUint)
        {
            var location = memberName ?? ArgumentLocation(nameArgument!);
            found.Add(new ModelConstruct(location, SelectXmin, "YB3002"));
        }
    }

    // OperationBuilder<TOperation> (or a builder derived from it): TOperation.
    private INamedTypeSymbol? OperationOf(INamedTypeSymbol type)
    {
        if (_operationBuilder is null)
        {
            return null;
        }

        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, _operationBuilder))
            {
                return current.TypeArguments.Length == 1 ? current.TypeArguments[0] as INamedTypeSymbol : null;
            }
        }

        return null;
    }

    private const string SelectXmin = "SELECT xmin FROM t";

    private const string CreateUnloggedTable = "CREATE UNLOGGED TABLE t (id int PRIMARY KEY)";

    private static string CreateExtension(string name) => "CREATE EXTENSION " + Quote(name);

    private static string IndexWithParameter(string parameter) => "CREATE INDEX i ON t (c) WITH (" + Quote(parameter) + " = 1)";

    // Npgsql writes the method unquoted, so PostgreSQL folds it to lower case.
    private static string? IndexWithMethod(string method)
    {
        if (method.Length == 0)
        {
            return null;
        }

        foreach (var c in method)
        {
            if (!(c is >= 'a' and <= 'z' || c is >= 'A' and <= 'Z' || c is >= '0' and <= '9' || c == '_'))
            {
                return null;
            }
        }

        return "CREATE INDEX i ON t USING " + method.ToLowerInvariant() + " (c)";
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    // PropertyBuilder<uint>
    private static bool IsUInt32Builder(ITypeSymbol? type) =>
        type is INamedTypeSymbol { TypeArguments.Length: 1 } named && named.TypeArguments[0].SpecialType == SpecialType.System_UInt32;

    private static Location NameLocation(IInvocationOperation invocation) => invocation.Syntax switch
    {
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Name.GetLocation(),
        InvocationExpressionSyntax { Expression: SimpleNameSyntax name } => name.GetLocation(),
        _ => invocation.Syntax.GetLocation(),
    };

    // The call this one is chained on (its receiver, or the this-argument of an extension).
    private static IInvocationOperation? Receiver(IInvocationOperation invocation)
    {
        var receiver = invocation.Instance
                       ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
        return Unconverted(receiver) as IInvocationOperation;
    }

    // The argument's value, without a "name:" before it.
    private static Location ArgumentLocation(IArgumentOperation argument) =>
        argument.Syntax is ArgumentSyntax syntax ? syntax.Expression.GetLocation() : argument.Syntax.GetLocation();

    private static IArgumentOperation? Argument(IInvocationOperation invocation, string parameter)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == parameter)
            {
                return argument;
            }
        }

        return null;
    }

    private static object? Constant(IArgumentOperation argument)
    {
        var value = argument.Value.ConstantValue;
        if (value.HasValue)
        {
            return value.Value;
        }

        // A boxed constant (object parameterValue): the value before the conversion.
        return Unconverted(argument.Value) is { ConstantValue: { HasValue: true } inner } ? inner.Value : null;
    }

    private static IOperation? Unconverted(IOperation? operation)
    {
        while (operation is IConversionOperation conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    private static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
        type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

    private static bool DerivesFrom(ITypeSymbol type, INamedTypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
