using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace YbMigrate.Migration.Data.Import;

/// <summary>A run of whole records of a file: where it starts, how long, how many records, and the file line it starts on (1-based).</summary>
/// <param name="Offset">Byte offset in the file.</param>
/// <param name="Length">Bytes.</param>
/// <param name="Rows">Records.</param>
/// <param name="FirstLine">The file line of its first byte (quoted fields can span lines, so lines and records differ).</param>
public readonly record struct RecordRange(long Offset, long Length, long Rows, long FirstLine)
{
    /// <summary>The offset just past the range.</summary>
    public long End => Offset + Length;
}

/// <summary>
/// Cuts a CSV stream into batches on record boundaries: at most <c>rowLimit</c> records and, unless a
/// single record is larger, at most <c>byteLimit</c> bytes each. The same bytes and limits always give
/// the same batches, so a rerun finds the batches a ledger recorded. Bytes are fed in order, in
/// multiples of 64 except the last piece.
/// </summary>
internal sealed class BatchSplitter
{
    private readonly long _rowLimit;
    private readonly long _byteLimit;
    private readonly List<RecordRange> _batches = new();
    private long _position;
    private ulong _insideQuotes;
    private long _lines;
    private long _batchStart;
    private long _batchRows;
    private long _batchFirstLine = 1;
    private long _lastEnd;
    private long _linesBeforeLastEnd;
    private bool _finished;

    public BatchSplitter(long rowLimit, long byteLimit)
    {
        if (rowLimit < 1 || byteLimit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rowLimit), "batch limits must be positive");
        }

        _rowLimit = rowLimit;
        _byteLimit = byteLimit;
    }

    /// <summary>The batches cut so far (all of them after <see cref="Finish"/>).</summary>
    public IReadOnlyList<RecordRange> Batches => _batches;

    /// <summary>Bytes fed so far.</summary>
    public long Length => _position;

    /// <summary>Scans the next bytes: a multiple of 64 bytes, or the last piece.</summary>
    public void Feed(ReadOnlySpan<byte> bytes)
    {
        if (_finished)
        {
            throw new InvalidOperationException("Feed after the last piece");
        }

        var whole = bytes.Length - bytes.Length % CsvBlock.Size;
        for (var i = 0; i < whole; i += CsvBlock.Size)
        {
            Block(bytes.Slice(i, CsvBlock.Size), CsvBlock.Size);
        }

        if (whole < bytes.Length)
        {
            // Zero padding is neither a quote nor a newline.
            Span<byte> padded = stackalloc byte[CsvBlock.Size];
            padded.Clear();
            bytes[whole..].CopyTo(padded);
            Block(padded, bytes.Length - whole);
            _finished = true;
        }
    }

    /// <summary>Cuts the last batch, counting a last record without its newline.</summary>
    public IReadOnlyList<RecordRange> Finish()
    {
        _finished = true;
        if (_position > _lastEnd)
        {
            CutIfTooLong(_position);
            _batchRows++;
            _lastEnd = _position;
            _linesBeforeLastEnd = _lines;
        }

        if (_batchRows > 0)
        {
            Cut();
        }

        return _batches;
    }

    // Straight to optimized code: the vector scan inlined here keeps it out of the precompiled image, and
    // its first calls would otherwise run unoptimized while the file streams past.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Block(ReadOnlySpan<byte> block, int length)
    {
        CsvBlock.Scan(block, ref _insideQuotes, out var ends, out var newlines);
        if (ends != 0)
        {
            var count = BitOperations.PopCount(ends);
            if (_batchRows + count < _rowLimit && _position + CsvBlock.Size - _batchStart <= _byteLimit)
            {
                // No cut in this block: take its records at once.
                var last = 63 - BitOperations.LeadingZeroCount(ends);
                _batchRows += count;
                _lastEnd = _position + last + 1;
                _linesBeforeLastEnd = _lines + CsvBlock.CountThrough(newlines, last);
            }
            else
            {
                RecordByRecord(ends, newlines);
            }
        }

        _lines += BitOperations.PopCount(newlines);
        _position += length;
    }

    private void RecordByRecord(ulong ends, ulong newlines)
    {
        while (ends != 0)
        {
            var bit = BitOperations.TrailingZeroCount(ends);
            var end = _position + bit + 1;
            CutIfTooLong(end);
            _batchRows++;
            _lastEnd = end;
            _linesBeforeLastEnd = _lines + CsvBlock.CountThrough(newlines, bit);
            if (_batchRows == _rowLimit)
            {
                Cut();
            }

            ends &= ends - 1;
        }
    }

    // A record ending at `end` would take the batch past the byte limit: the batch ends before it,
    // unless that record is its first.
    private void CutIfTooLong(long end)
    {
        if (end - _batchStart > _byteLimit && _lastEnd > _batchStart)
        {
            Cut();
        }
    }

    private void Cut()
    {
        _batches.Add(new RecordRange(_batchStart, _lastEnd - _batchStart, _batchRows, _batchFirstLine));
        _batchStart = _lastEnd;
        _batchFirstLine = _linesBeforeLastEnd + 1;
        _batchRows = 0;
    }
}
