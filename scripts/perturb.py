#!/usr/bin/env python3
"""Writes variants of the real/ and wide/ dev documents, with their gold, for
eval.py: the shapes that unseen pages take and the dev set shows too rarely.

    scripts/perturb.py SHARED OUT MODE

MODE is one of
  flat     every 25 non-blank lines joined by a space onto one line (a page's
           text layer saved as one line, HTML without line breaks);
  notitle  the first three non-blank lines dropped (a page whose title is in
           an image or another frame); top-level sections are not scored;
  wrap     every line cut at 30 characters (a PDF's line breaks);
  dot      "一、" at a line's start written "一." (a half-width variant);
  spaced   every line indented by two ideographic spaces and followed by a
           blank line (Word's paragraphs);
  titles   the first three non-blank lines replaced by a title of the gold's
           agency, year and kind in each of 22 ways titles are written
           (unit documents only; identity scored, sections not).
Written 2026-12-02; the documents are third-party and stay in OUT (a
temporary directory), never in the repository.
"""
import glob
import json
import os
import re
import sys


def variant(text, mode):
    if mode == "flat":
        lines = [l.strip() for l in text.split("\n") if l.strip()]
        return "\n".join(" ".join(lines[k:k + 25]) for k in range(0, len(lines), 25))
    if mode == "notitle":
        lines = text.split("\n")
        k = n = 0
        while k < len(lines) and n < 3:
            n += bool(lines[k].strip())
            k += 1
        return "\n".join(lines[k:])
    if mode == "dot":
        return re.sub(r"(?m)^(\s*[一二三四五六七八九十]{1,3})、", r"\1.", text)
    if mode == "spaced":
        return "\n\n".join("\u3000\u3000" + l for l in text.split("\n"))
    if mode == "wrap":
        out = []
        for l in text.split("\n"):
            while len(l) > 30:
                out.append(l[:30])
                l = l[30:]
            out.append(l)
        return "\n".join(out)
    raise SystemExit(f"unknown mode {mode}")


TITLES = [
    "关于{a}{y}年度部门{k}公开的说明",
    "{a}{y}年部门{k}信息公开",
    "{a}部门{k}({y}年度)",
    "{y}年{a}部门{k}公开目录",
    "{a} {y} 年部门{k}",
    "《{a}{y}年度部门{k}》",
    "{a}关于{y}年度部门{k}公开的报告",
    "{a}\n{y}年\n部门{k}公开",
    "{a}{y}年度{k}公开说明(更新)",
    "{a}{y}年单位{k}情况说明",
    # Added after the first ten held (2026-12-02); the last made a rule
    # ("X公开2023年度部门决算": the verb before the year is no part of X).
    "{a}关于公开{y}年部门{k}的说明",
    "{a}{y}年度部门{k}公开(更正)",
    "{a}{y}年“三公”经费{k}公开说明",
    "{a}{y}年{k}公开",
    "{a}{y}年部门{k}信息公开表",
    "{a} 部门{k} {y}年",
    "{a}{y}年部门{k}及“三公”经费{k}公开",
    "{a}:{y}年部门{k}",
    "{a}{y}年部门{k}公开说明({y}年3月)",
    "{y}年度{a}部门{k}公开报告",
    "【{a}】{y}年度部门{k}公开",
    "{a}公开{y}年度部门{k}",
]


def titled(shared, out, d, i, text, gold):
    doc = gold["document"]
    if not doc.get("agency") or not doc.get("year") or doc.get("scope") == "government":
        return
    body = variant(text, "notitle")
    kind = "决算" if doc["kind"] == "final_accounts" else "预算"
    for j, form in enumerate(TITLES):
        name = f"{d}_{i}_{j}"
        title = form.format(a=doc["agency"], y=doc["year"], k=kind)
        open(os.path.join(out, name + ".txt"), "w", encoding="utf-8").write(title + "\n" + body)
        json.dump({"document": doc}, open(os.path.join(out, "gold", name + ".json"), "w", encoding="utf-8"),
                  ensure_ascii=False)


def main():
    shared, out, mode = sys.argv[1:4]
    os.makedirs(os.path.join(out, "gold"), exist_ok=True)
    for d in ["real", "wide"]:
        for f in sorted(glob.glob(os.path.join(shared, "corpus", d, "*.txt"))):
            i = os.path.basename(f)[:-4]
            text = open(f, encoding="utf-8").read()
            gold = json.load(open(os.path.join(shared, "corpus", d, "gold", i + ".json"), encoding="utf-8"))
            if mode == "titles":
                titled(shared, out, d, i, text, gold)
                continue
            if mode == "notitle":
                gold.pop("top_sections", None)
            name = f"{d}_{i}"
            open(os.path.join(out, name + ".txt"), "w", encoding="utf-8").write(variant(text, mode))
            json.dump(gold, open(os.path.join(out, "gold", name + ".json"), "w", encoding="utf-8"),
                      ensure_ascii=False)


if __name__ == "__main__":
    main()
