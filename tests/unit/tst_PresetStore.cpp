#include "store/PresetStore.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>

#include <atomic>

using namespace Consilium;

// Preset files in a temporary folder: round trips, built-ins, import
// validation, overwrite protection and atomic writes.
class TestPresetStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void saveThenLoad();
    void builtInsAreValid();
    void builtInsCopiedOnce();
    void importRejectsInvalidFile_data();
    void importRejectsInvalidFile();
    void importNeverOverwritesSilently();
    void readersNeverSeeHalfWrittenFile();
    void strategySettingsRoundTrip();
    void fileNameFromName_data();
    void fileNameFromName();

private:
    QString writeFile(const QString &name, const QByteArray &contents);
    static Preset samplePreset();

    std::unique_ptr<QTemporaryDir> m_directory;
};

void TestPresetStore::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
}

QString TestPresetStore::writeFile(const QString &name, const QByteArray &contents)
{
    const QString path = m_directory->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(contents) != contents.size())
        qWarning("cannot write %s", qPrintable(path));
    return path;
}

Preset TestPresetStore::samplePreset()
{
    Preset preset;
    preset.name = QStringLiteral("My Panel");
    preset.ensemble.panel = {Member{QStringLiteral("openai/gpt-4o"), QStringLiteral("Be brief."), 0.4, QString()},
                             Member{QStringLiteral("llama3.1:8b"), QString(), std::nullopt, QStringLiteral("ollama")}};
    preset.ensemble.writer = Member{QStringLiteral("anthropic/claude-sonnet-4"), QString(), 0.2, QString()};
    preset.ensemble.maxTokens = 1500;
    preset.strategy = QStringLiteral("vote");
    preset.budget = Money::fromDecimalString(u"0.25");
    preset.privacyTier = QStringLiteral("mixed");
    return preset;
}

void TestPresetStore::saveThenLoad()
{
    PresetStore store(m_directory->filePath(QStringLiteral("presets")));
    const Preset preset = samplePreset();
    QVERIFY(store.save(preset).ok());

    const Result<Preset> loaded = store.load(QStringLiteral("My Panel"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
    QCOMPARE(loaded->name, preset.name);
    QCOMPARE(loaded->strategy, QStringLiteral("vote"));
    QCOMPARE(loaded->budget, preset.budget);
    QCOMPARE(loaded->privacyTier, QStringLiteral("mixed"));
    QCOMPARE(loaded->ensemble.maxTokens, 1500);
    QCOMPARE(loaded->ensemble.panel.size(), 2);
    QCOMPARE(loaded->ensemble.panel[0].model, QStringLiteral("openai/gpt-4o"));
    QCOMPARE(loaded->ensemble.panel[0].systemPrompt, QStringLiteral("Be brief."));
    QCOMPARE(loaded->ensemble.panel[0].temperature, std::optional<double>(0.4));
    QCOMPARE(loaded->ensemble.panel[1].provider, QStringLiteral("ollama"));
    QCOMPARE(loaded->ensemble.panel[1].temperature, std::optional<double>());
    QCOMPARE(loaded->ensemble.writer.model, QStringLiteral("anthropic/claude-sonnet-4"));

    const QJsonObject onDisk = QJsonDocument::fromJson([&] {
        QFile file(store.directory() + QStringLiteral("/my-panel.json"));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }()).object();
    QCOMPARE(onDisk.value(QStringLiteral("format_version")).toInt(), 1);
}

void TestPresetStore::builtInsAreValid()
{
    PresetStore store(m_directory->filePath(QStringLiteral("presets")));
    QCOMPARE(store.installBuiltIns().value(), 6);
    QStringList problems;
    const QList<Preset> presets = store.list(&problems).value();
    QCOMPARE(problems, QStringList());
    QStringList names;
    for (const Preset &preset : presets)
        names.append(preset.name);
    QCOMPARE(names, (QStringList{QStringLiteral("Budget"), QStringLiteral("Code"), QStringLiteral("Local only"),
                                 QStringLiteral("Quality"), QStringLiteral("Reasoning"), QStringLiteral("Writing")}));
    const Preset local = store.load(QStringLiteral("Local only")).value();
    QCOMPARE(local.privacyTier, QStringLiteral("local"));
    for (const Member &member : local.ensemble.panel)
        QCOMPARE(member.provider, QStringLiteral("ollama"));
}

void TestPresetStore::builtInsCopiedOnce()
{
    PresetStore store(m_directory->filePath(QStringLiteral("presets")));
    QCOMPARE(store.installBuiltIns().value(), 6);
    QVERIFY(store.remove(QStringLiteral("Budget")).ok());

    QCOMPARE(store.installBuiltIns().value(), 0);
    QVERIFY(!store.load(QStringLiteral("Budget")).ok());
    QCOMPARE(store.list()->size(), 5);
}

void TestPresetStore::importRejectsInvalidFile_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("expected");

    const QByteArray writer = R"("writer": {"model": "w"})";
    QTest::newRow("panel member without model")
        << QByteArray(R"({"format_version": 1, "name": "x", "panel": [{"model": "a"}, {"temperature": 1}], )" + writer + "}")
        << QStringLiteral("bad.json: panel[1].model: missing");
    QTest::newRow("newer format")
        << QByteArray(R"({"format_version": 3, "name": "x", "panel": [{"model": "a"}], )" + writer + "}")
        << QStringLiteral("bad.json: format_version: 3 is newer than this Consilium (1)");
    QTest::newRow("no format version")
        << QByteArray(R"({"name": "x", "panel": [{"model": "a"}], )" + writer + "}")
        << QStringLiteral("bad.json: format_version: missing");
    QTest::newRow("temperature out of range")
        << QByteArray(R"({"format_version": 1, "name": "x", "panel": [{"model": "a", "temperature": 7}], )" + writer + "}")
        << QStringLiteral("bad.json: panel[0].temperature: must be a number from 0 to 2");
    QTest::newRow("no writer")
        << QByteArray(R"({"format_version": 1, "name": "x", "panel": [{"model": "a"}]})")
        << QStringLiteral("bad.json: writer: missing");
    QTest::newRow("empty panel")
        << QByteArray(R"({"format_version": 1, "name": "x", "panel": [], )" + writer + "}")
        << QStringLiteral("bad.json: panel: must be a non-empty array of members");
    QTest::newRow("budget as number")
        << QByteArray(R"({"format_version": 1, "name": "x", "budget_usd": 0.5, "panel": [{"model": "a"}], )" + writer + "}")
        << QStringLiteral("bad.json: budget_usd: must be a decimal string of US dollars, e.g. \"0.50\"");
    QTest::newRow("layers out of range")
        << QByteArray(R"({"format_version": 1, "name": "x", "strategy_settings": {"layers": 9}, "panel": [{"model": "a"}], )" + writer + "}")
        << QStringLiteral("bad.json: strategy_settings.layers: must be a whole number from 1 to 4");
    QTest::newRow("unknown straggler policy")
        << QByteArray(R"({"format_version": 1, "name": "x", "strategy_settings": {"stragglers": "wait"}, "panel": [{"model": "a"}], )" + writer + "}")
        << QStringLiteral("bad.json: strategy_settings.stragglers: must be one of cancel, keep");
    QTest::newRow("analyst without model")
        << QByteArray(R"({"format_version": 1, "name": "x", "strategy_settings": {"analyst": {}}, "panel": [{"model": "a"}], )" + writer + "}")
        << QStringLiteral("bad.json: strategy_settings.analyst.model: missing");
    QTest::newRow("negative timeout")
        << QByteArray(R"({"format_version": 1, "name": "x", "timeouts": {"idle_ms": -5}, "panel": [{"model": "a"}], )" + writer + "}")
        << QStringLiteral("bad.json: timeouts.idle_ms: must be a whole number from 0 to 3600000");
    QTest::newRow("timeouts not an object")
        << QByteArray(R"({"format_version": 1, "name": "x", "timeouts": 5, "panel": [{"model": "a"}], )" + writer + "}")
        << QStringLiteral("bad.json: timeouts: must be an object");
    QTest::newRow("truncated JSON")
        << QByteArray(R"({"format_version": 1, "name": "x", "pan)")
        << QStringLiteral("bad.json: invalid JSON at byte 40: unterminated string");
}

void TestPresetStore::importRejectsInvalidFile()
{
    QFETCH(QByteArray, contents);
    QFETCH(QString, expected);
    PresetStore store(m_directory->filePath(QStringLiteral("presets")));
    const Result<Preset> imported = store.importFile(writeFile(QStringLiteral("bad.json"), contents));
    QVERIFY(!imported.ok());
    QCOMPARE(imported.error(), expected);
    QCOMPARE(store.list()->size(), 0);
}

void TestPresetStore::importNeverOverwritesSilently()
{
    PresetStore store(m_directory->filePath(QStringLiteral("presets")));
    QVERIFY(store.save(samplePreset()).ok());

    Preset incoming = samplePreset();
    incoming.ensemble.maxTokens = 99;
    const QString path = writeFile(QStringLiteral("incoming.json"), QJsonDocument(incoming.toJson()).toJson());
    const Result<Preset> refused = store.importFile(path);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error(), QStringLiteral("a preset named \"My Panel\" already exists; replace it explicitly"));
    QCOMPARE(store.load(QStringLiteral("My Panel"))->ensemble.maxTokens, 1500);

    QVERIFY(store.importFile(path, PresetStore::Overwrite::Yes).ok());
    QCOMPARE(store.load(QStringLiteral("My Panel"))->ensemble.maxTokens, 99);
}

void TestPresetStore::readersNeverSeeHalfWrittenFile()
{
    PresetStore store(m_directory->filePath(QStringLiteral("presets")));
    Preset preset = samplePreset();
    // A large file makes a non-atomic write easy to catch half-way.
    preset.ensemble.writer.systemPrompt = QString(2'000'000, u'x');
    QVERIFY(store.save(preset).ok());

    std::atomic<bool> writing{true};
    QFuture<int> reader = QtConcurrent::run([&writing, path = store.directory() + QStringLiteral("/my-panel.json")] {
        int broken = 0;
        while (writing.load()) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly) || !QJsonDocument::fromJson(file.readAll()).isObject())
                ++broken;
        }
        return broken;
    });
    for (int i = 0; i < 20; ++i) {
        preset.ensemble.maxTokens = 100 + i;
        QVERIFY(store.save(preset, PresetStore::Overwrite::Yes).ok());
    }
    writing = false;
    QCOMPARE(reader.result(), 0);
    QCOMPARE(QDir(store.directory()).entryList(QDir::Files).size(), 1);
}

void TestPresetStore::strategySettingsRoundTrip()
{
    Preset preset = samplePreset();
    preset.strategy = QStringLiteral("debate");
    preset.strategySettings.analyst = Member{QStringLiteral("judge/model"), {}, 0.0, QStringLiteral("openrouter")};
    preset.strategySettings.rounds = 3;
    preset.strategySettings.debateCloser = DebateCloser::Vote;
    preset.strategySettings.extraction = ExtractionMode::Number;
    preset.strategySettings.quorum = 2;
    preset.strategySettings.deadlineMs = 45'000;
    preset.strategySettings.stragglers = StragglerPolicy::Keep;
    preset.strategySettings.history = HistoryMode::OwnAnswers;
    preset.strategySettings.shuffleSeed = 7;
    preset.strategySettings.templates.insert(QStringLiteral("writer"), QStringLiteral("Answer {{question}}"));
    preset.timeouts = CallTimeouts{5'000, 60'000, 30'000};

    const Result<Preset> read = Preset::fromJson(preset.toJson());
    QVERIFY2(read.ok(), qPrintable(read.error()));
    const FusionSettings &settings = read->strategySettings;
    QCOMPARE(settings.strategy, QStringLiteral("debate"));
    QCOMPARE(settings.analyst.model, QStringLiteral("judge/model"));
    QCOMPARE(settings.analyst.temperature, std::optional<double>(0.0));
    QCOMPARE(settings.analyst.provider, QStringLiteral("openrouter"));
    QCOMPARE(settings.rounds, 3);
    QCOMPARE(settings.debateCloser, DebateCloser::Vote);
    QCOMPARE(settings.extraction, ExtractionMode::Number);
    QCOMPARE(settings.quorum, 2);
    QCOMPARE(settings.deadlineMs, 45'000);
    QCOMPARE(settings.stragglers, StragglerPolicy::Keep);
    QCOMPARE(settings.history, HistoryMode::OwnAnswers);
    QCOMPARE(settings.shuffleSeed, std::optional<quint32>(7));
    QCOMPARE(settings.templates.value(QStringLiteral("writer")), QStringLiteral("Answer {{question}}"));
    QCOMPARE(read->timeouts.connectMs, 5'000);
    QCOMPARE(read->timeouts.firstTokenMs, 60'000);
    QCOMPARE(read->timeouts.idleMs, 30'000);
}

void TestPresetStore::fileNameFromName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("fileName");
    QTest::newRow("two words") << QStringLiteral("Local only") << QStringLiteral("local-only.json");
    QTest::newRow("punctuation") << QStringLiteral(" Code: C++ / Rust! ") << QStringLiteral("code-c-rust.json");
    QTest::newRow("no letters") << QStringLiteral("***") << QStringLiteral("preset.json");
}

void TestPresetStore::fileNameFromName()
{
    QFETCH(QString, name);
    QFETCH(QString, fileName);
    Preset preset;
    preset.name = name;
    QCOMPARE(preset.fileName(), fileName);
}

QTEST_GUILESS_MAIN(TestPresetStore)
#include "tst_PresetStore.moc"
