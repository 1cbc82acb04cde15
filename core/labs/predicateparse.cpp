// SPDX-License-Identifier: GPL-3.0-or-later
// The predicate vocabulary's loader: each predicate type's fields, checked
// and turned into a Predicate tree.
#include "labchecker.h"

namespace drydock::labs::detail {

using nlohmann::json;

namespace {

// Deep enough for any sensible verification; a guard against files that
// would exhaust the stack.
constexpr int kMaxPredicateDepth = 16;

const QString kJsonPointerPattern = QStringLiteral("(?:/[^/]*)+");

} // namespace

std::optional<Predicate> parsePredicate(Checker &c, const QString &p, const json &v, int depth)
{
    if (!v.is_object()) {
        c.error(p,
                QStringLiteral("a verification must be an object, found %1").arg(jsonTypeName(v)));
        return std::nullopt;
    }
    if (depth > kMaxPredicateDepth) {
        c.error(p,
                QStringLiteral("verifications nest deeper than %1 levels").arg(kMaxPredicateDepth));
        return std::nullopt;
    }
    if (!v.contains("type")) {
        c.error(p, QStringLiteral("missing required field \"type\" in a verification; one of: %1")
                       .arg(predicateTypeNames().join(QStringLiteral(", "))));
        return std::nullopt;
    }
    if (!v["type"].is_string()) {
        c.error(pointerChild(p, QStringLiteral("type")),
                QStringLiteral("\"type\" must be a string, found %1").arg(jsonTypeName(v["type"])));
        return std::nullopt;
    }
    const QString typeName = qs(v["type"].get<std::string>());
    const auto type = predicateTypeFromName(typeName);
    if (!type) {
        QString message = QStringLiteral("unknown predicate \"%1\"").arg(typeName);
        const QString close = suggestion(typeName, predicateTypeNames());
        message += close.isEmpty() ? QStringLiteral("; predicates are a fixed vocabulary: %1")
                                         .arg(predicateTypeNames().join(QStringLiteral(", ")))
                                   : QStringLiteral("; did you mean \"%1\"?").arg(close);
        c.error(pointerChild(p, QStringLiteral("type")), message);
        return std::nullopt;
    }
    Predicate pred;
    pred.type = *type;
    pred.location = p;
    pred.description = Checker::string(v, "description");
    const QString what = QStringLiteral("a %1 predicate").arg(typeName);
    const Field typeField{"type", Kind::String, true};
    const Field descriptionField{"description", Kind::String};
    const auto fields = [&](QList<Field> extra) {
        extra.prepend(descriptionField);
        extra.prepend(typeField);
        c.object(p, v, what, extra);
    };
    switch (*type) {
    case PredicateType::ContainerExists:
    case PredicateType::ContainerRunning:
        fields({{"container", Kind::String, true}});
        pred.container = c.nonEmpty(p, v, "container");
        break;
    case PredicateType::InspectEquals:
    case PredicateType::InspectContains: {
        fields({{"container", Kind::String},
                {"image", Kind::String},
                {"pointer", Kind::String, true},
                {"value", Kind::Any, true}});
        pred.container = Checker::string(v, "container");
        pred.image = Checker::string(v, "image");
        if (v.contains("container") == v.contains("image")) {
            c.error(p,
                    QStringLiteral("%1 needs exactly one of \"container\" or \"image\"").arg(what));
        }
        pred.jsonPointer = c.matching(p, v, "pointer", kJsonPointerPattern,
                                      QStringLiteral("a JSON pointer such as "
                                                     "/HostConfig/ReadonlyRootfs"));
        if (v.contains("value")) {
            pred.value = v["value"];
        }
        if (*type == PredicateType::InspectContains && v.contains("value") &&
            !(pred.value.is_string() || pred.value.is_number() || pred.value.is_boolean())) {
            c.error(pointerChild(p, QStringLiteral("value")),
                    QStringLiteral("inspectContains looks for a string, number or true/false "
                                   "in a list or a text; found %1")
                        .arg(jsonTypeName(pred.value)));
        }
        break;
    }
    case PredicateType::BenchCheck:
        fields({{"check", Kind::String, true},
                {"verdict", Kind::String, true},
                {"container", Kind::String},
                {"image", Kind::String}});
        pred.check = c.matching(p, v, "check", QStringLiteral("[0-9]+(?:\\.[0-9]+)+"),
                                QStringLiteral("a check id such as 5.10"));
        pred.verdict = c.oneOf(p, v, "verdict", knownVerdicts(), QStringLiteral("verdict"));
        pred.container = Checker::string(v, "container");
        pred.image = Checker::string(v, "image");
        if (v.contains("container") && v.contains("image")) {
            c.error(p, QStringLiteral("a benchCheck names a container or an image, not both"));
        }
        break;
    case PredicateType::BenchScoreImproved:
        fields({{"by", Kind::Integer}});
        if (const auto by = Checker::integer(v, "by")) {
            pred.by = int(*by);
            if (*by < 0 || *by > 1000) {
                c.error(pointerChild(p, QStringLiteral("by")),
                        QStringLiteral("\"by\" must be between 0 and 1000"));
            }
        }
        break;
    case PredicateType::TrustPullRefused:
        fields({{"image", Kind::String, true}, {"action", Kind::String}});
        pred.image = c.nonEmpty(p, v, "image");
        pred.trustAction = c.oneOf(p, v, "action", {QStringLiteral("pull"), QStringLiteral("run")},
                                   QStringLiteral("trust action"));
        break;
    case PredicateType::TrustPullSucceeded:
        fields(
            {{"image", Kind::String, true}, {"trusted", Kind::Boolean}, {"action", Kind::String}});
        pred.image = c.nonEmpty(p, v, "image");
        if (v.contains("trusted") && v["trusted"].is_boolean()) {
            pred.trusted = v["trusted"].get<bool>();
        }
        pred.trustAction = c.oneOf(p, v, "action", {QStringLiteral("pull"), QStringLiteral("run")},
                                   QStringLiteral("trust action"));
        break;
    case PredicateType::LabenvRunning:
        fields({});
        break;
    case PredicateType::ImageExists:
    case PredicateType::ImageHasHealthcheck:
    case PredicateType::ImageHasSetuidFiles:
        fields({{"image", Kind::String, true}});
        pred.image = c.nonEmpty(p, v, "image");
        break;
    case PredicateType::ImageHasUser:
        fields({{"image", Kind::String, true}, {"user", Kind::String}});
        pred.image = c.nonEmpty(p, v, "image");
        pred.user = Checker::string(v, "user");
        break;
    case PredicateType::ImageHistoryContains:
        fields({{"image", Kind::String, true}, {"text", Kind::String, true}});
        pred.image = c.nonEmpty(p, v, "image");
        pred.text = c.nonEmpty(p, v, "text");
        break;
    case PredicateType::AllOf:
    case PredicateType::AnyOf: {
        fields({{"predicates", Kind::Array, true}});
        if (v.contains("predicates") && v["predicates"].is_array()) {
            const QString lp = pointerChild(p, QStringLiteral("predicates"));
            if (v["predicates"].empty()) {
                c.error(lp, QStringLiteral("%1 needs at least one predicate").arg(typeName));
            }
            for (std::size_t i = 0; i < v["predicates"].size(); ++i) {
                if (auto child = parsePredicate(c, pointerChild(lp, int(i)), v["predicates"][i],
                                                depth + 1)) {
                    pred.children.append(std::move(*child));
                }
            }
        }
        break;
    }
    case PredicateType::Not:
        fields({{"predicate", Kind::Object, true}});
        if (v.contains("predicate") && v["predicate"].is_object()) {
            if (auto child = parsePredicate(c, pointerChild(p, QStringLiteral("predicate")),
                                            v["predicate"], depth + 1)) {
                pred.children.append(std::move(*child));
            }
        }
        break;
    }
    return pred;
}

} // namespace drydock::labs::detail
