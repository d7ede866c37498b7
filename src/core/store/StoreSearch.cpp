#include "StoreSearch.h"

#include "store/SqlSupport.h"

#include <QRegularExpression>
#include <QSqlQuery>

namespace Consilium::StoreSearch {

namespace {

// Words kept on each side of a match in a snippet.
constexpr int kSnippetTokens = 12;
constexpr int kLikeSnippetCharacters = 60;
constexpr int kMinimumPrefixCharacters = 3;

SearchField fieldOfRowid(qint64 rowid)
{
    // See StoreSchema.cpp: prompt = id * 4 + 1, answer + 2, call text + 3.
    switch (rowid % 4) {
    case 1: return SearchField::Prompt;
    case 2: return SearchField::Answer;
    default: return SearchField::CallText;
    }
}

// Cuts about kLikeSnippetCharacters around the first match and marks it.
QString likeSnippet(const QString &body, const QString &needle)
{
    const qsizetype at = body.indexOf(needle, 0, Qt::CaseInsensitive);
    if (at < 0)
        return body.left(2 * kLikeSnippetCharacters);
    const qsizetype start = qMax<qsizetype>(0, at - kLikeSnippetCharacters);
    const qsizetype end = qMin(body.size(), at + needle.size() + kLikeSnippetCharacters);
    QString snippet = start > 0 ? QStringLiteral("…") : QString();
    snippet += body.mid(start, at - start) + SearchHit::kHighlightStart + body.mid(at, needle.size())
               + SearchHit::kHighlightEnd + body.mid(at + needle.size(), end - at - needle.size());
    if (end < body.size())
        snippet += QStringLiteral("…");
    return snippet;
}

} // namespace

QString toFtsQuery(const QString &input)
{
    static const QRegularExpression separators(QStringLiteral("\\s+"));
    const QStringList words = input.split(separators, Qt::SkipEmptyParts);
    QStringList terms;
    for (const QString &word : words) {
        QString quoted = word;
        quoted.replace(u'"', QStringLiteral("\"\""));
        terms.append(u'"' + quoted + u'"');
    }
    // A prefix of one or two characters matches a large part of the
    // vocabulary and makes ranking slow, so only longer last words are
    // prefixes (see docs/benchmarks.md).
    if (!words.isEmpty() && words.last().size() >= kMinimumPrefixCharacters)
        terms.last() += u'*';
    return terms.join(u' ');
}

Result<QList<SearchHit>> fullText(QSqlDatabase &database, const QString &query, int limit)
{
    const QString match = toFtsQuery(query);
    if (match.isEmpty())
        return QList<SearchHit>();
    Result<QSqlQuery> run = Sql::run(
        database,
        QStringLiteral("SELECT f.conversation_id, c.title, f.turn_id, f.call_id, f.rowid, "
                       "snippet(search_index, 0, ?, ?, '…', %1) FROM search_index AS f "
                       "JOIN conversations AS c ON c.id = f.conversation_id "
                       "WHERE search_index MATCH ? AND c.deleted_at IS NULL ORDER BY f.rank LIMIT ?")
            .arg(kSnippetTokens),
        {QString(SearchHit::kHighlightStart), QString(SearchHit::kHighlightEnd), match, limit});
    if (!run)
        return Result<QList<SearchHit>>::failure(QStringLiteral("search failed: %1").arg(run.error()));

    QSqlQuery rows = std::move(run).value();
    QList<SearchHit> hits;
    while (rows.next()) {
        SearchHit hit;
        hit.conversationId = rows.value(0).toLongLong();
        hit.conversationTitle = rows.value(1).toString();
        hit.turnId = rows.value(2).toLongLong();
        hit.callId = rows.value(3).toLongLong();
        hit.field = fieldOfRowid(rows.value(4).toLongLong());
        hit.snippet = rows.value(5).toString();
        hits.append(hit);
    }
    return hits;
}

Result<QList<SearchHit>> like(QSqlDatabase &database, const QString &query, int limit)
{
    const QString needle = query.trimmed();
    if (needle.isEmpty())
        return QList<SearchHit>();
    QString pattern = needle;
    pattern.replace(u'\\', QStringLiteral("\\\\")).replace(u'%', QStringLiteral("\\%")).replace(u'_', QStringLiteral("\\_"));
    pattern = u'%' + pattern + u'%';

    Result<QSqlQuery> run = Sql::run(
        database,
        QStringLiteral("SELECT t.conversation_id, c.title, t.id, 0, t.id * 4 + 1, t.prompt FROM turns t "
                       "JOIN conversations c ON c.id = t.conversation_id "
                       "WHERE c.deleted_at IS NULL AND t.prompt LIKE ? ESCAPE '\\' "
                       "UNION ALL SELECT t.conversation_id, c.title, t.id, 0, t.id * 4 + 2, t.answer FROM turns t "
                       "JOIN conversations c ON c.id = t.conversation_id "
                       "WHERE c.deleted_at IS NULL AND t.answer LIKE ? ESCAPE '\\' "
                       "UNION ALL SELECT t.conversation_id, c.title, t.id, k.id, k.id * 4 + 3, k.text FROM calls k "
                       "JOIN turns t ON t.id = k.turn_id JOIN conversations c ON c.id = t.conversation_id "
                       "WHERE c.deleted_at IS NULL AND k.text LIKE ? ESCAPE '\\' LIMIT ?"),
        {pattern, pattern, pattern, limit});
    if (!run)
        return Result<QList<SearchHit>>::failure(QStringLiteral("search failed: %1").arg(run.error()));

    QSqlQuery rows = std::move(run).value();
    QList<SearchHit> hits;
    while (rows.next()) {
        hits.append(SearchHit{rows.value(0).toLongLong(), rows.value(1).toString(), rows.value(2).toLongLong(),
                              rows.value(3).toLongLong(), fieldOfRowid(rows.value(4).toLongLong()),
                              likeSnippet(rows.value(5).toString(), needle)});
    }
    return hits;
}

} // namespace Consilium::StoreSearch
