#include "fusion/PromptTemplates.h"

#include <QRegularExpression>
#include <QTest>

using namespace Consilium;
using namespace Qt::StringLiterals;

using Values = QMap<QString, QString>;

class TestPromptTemplates : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fillReplacesPlaceholders_data();
    void fillReplacesPlaceholders();
    void loadBundledTemplates_data();
    void loadBundledTemplates();
    void loadMissingTemplateEmpty();
};

void TestPromptTemplates::fillReplacesPlaceholders_data()
{
    QTest::addColumn<QString>("templateText");
    QTest::addColumn<Values>("values");
    QTest::addColumn<QString>("expectedText");

    QTest::newRow("one placeholder")
        << u"Question: {{question}}"_s << Values{{u"question"_s, u"Why?"_s}} << u"Question: Why?"_s;
    QTest::newRow("same placeholder twice")
        << u"{{label}} and {{label}}"_s << Values{{u"label"_s, u"A"_s}} << u"A and A"_s;
    QTest::newRow("adjacent placeholders")
        << u"{{label}}{{answer}}"_s << Values{{u"label"_s, u"A"_s}, {u"answer"_s, u"42"_s}}
        << u"A42"_s;
    QTest::newRow("value holding a placeholder not expanded")
        << u"Q: {{question}}\nA: {{answers}}"_s
        << Values{{u"question"_s, u"What does {{answers}} mean?"_s}, {u"answers"_s, u"none"_s}}
        << u"Q: What does {{answers}} mean?\nA: none"_s;
    QTest::newRow("value holding its own placeholder")
        << u"{{question}}"_s << Values{{u"question"_s, u"{{question}}"_s}} << u"{{question}}"_s;
    QTest::newRow("unknown placeholder kept")
        << u"{{question}} {{context}}"_s << Values{{u"question"_s, u"Q"_s}} << u"Q {{context}}"_s;
    QTest::newRow("upper case is no placeholder")
        << u"{{Question}}"_s << Values{{u"Question"_s, u"Q"_s}} << u"{{Question}}"_s;
    QTest::newRow("single braces kept")
        << u"{question} {{question}"_s << Values{{u"question"_s, u"Q"_s}}
        << u"{question} {{question}"_s;
    QTest::newRow("triple braces keep the outer pair")
        << u"{{{question}}}"_s << Values{{u"question"_s, u"Q"_s}} << u"{Q}"_s;
    QTest::newRow("regex replacement syntax literal")
        << u"{{answer}}"_s << Values{{u"answer"_s, u"\\1 $1 $& \\\\"_s}} << u"\\1 $1 $& \\\\"_s;
    QTest::newRow("empty value") << u"[{{answer}}]"_s << Values{{u"answer"_s, QString()}}
                                 << u"[]"_s;
    QTest::newRow("non-ASCII around placeholder")
        << u"问题：{{question}} 🌍"_s << Values{{u"question"_s, u"你好"_s}} << u"问题：你好 🌍"_s;
    QTest::newRow("empty template") << QString() << Values{{u"question"_s, u"Q"_s}} << QString();
}

void TestPromptTemplates::fillReplacesPlaceholders()
{
    QFETCH(QString, templateText);
    QFETCH(Values, values);
    QFETCH(QString, expectedText);

    QCOMPARE(PromptTemplates::fill(templateText, values), expectedText);
}

void TestPromptTemplates::loadBundledTemplates_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("expectedPlaceholders");

    QTest::newRow("writer") << u"writer"_s << QStringList{u"{{question}}"_s, u"{{answers}}"_s};
    QTest::newRow("answer block") << u"answer-block"_s
                                  << QStringList{u"{{label}}"_s, u"{{answer}}"_s};
}

void TestPromptTemplates::loadBundledTemplates()
{
    QFETCH(QString, name);
    QFETCH(QStringList, expectedPlaceholders);

    const QString text = PromptTemplates::load(name);

    QVERIFY(!text.isEmpty());
    for (const QString &placeholder : expectedPlaceholders)
        QVERIFY2(text.contains(placeholder), qPrintable(placeholder));
}

void TestPromptTemplates::loadMissingTemplateEmpty()
{
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"is missing from the resources"_s));

    QCOMPARE(PromptTemplates::load(u"no-such-template"_s), QString());
}

QTEST_APPLESS_MAIN(TestPromptTemplates)
#include "tst_PromptTemplates.moc"
