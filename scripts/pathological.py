#!/usr/bin/env python3
"""Writes pairs of pathological profile texts (old, new) into a folder, for scripts/soak and by hand:
a run-on sentence of N words, thousands of renumbered footnotes, an abbreviation storm, a huge paragraph.
Each pair differs a little, so the diff must do real work. Usage: pathological.py DIR [--bytes N]"""
import os, random, sys

def header(date):
    return f"Testland\nCluster Munition Ban Policy\nLast updated: {date}\n\nSummary: Testland is a made-up state used to test the diff.\n\nPolicy\n\n"

def write(folder, name, old, new):
    d = os.path.join(folder, name)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "old.txt"), "w") as f: f.write(old)
    with open(os.path.join(d, "new.txt"), "w") as f: f.write(new)

def main():
    folder = sys.argv[1]
    size = int(sys.argv[sys.argv.index("--bytes") + 1]) if "--bytes" in sys.argv else 1_000_000
    rng = random.Random(2026)
    words = "the state said it would destroy its stockpile of cluster munitions and report on the progress made each year to the meeting".split()

    # One sentence with no full stop, `size` bytes long; the new side changes one word in 500 and a number.
    run_on, length = [], 0
    while length < size:
        run_on.append(rng.choice(words))
        length += len(run_on[-1]) + 1
    changed = [w if rng.random() > 0.002 else "altered" for w in run_on]
    write(folder, "run-on-sentence", header("01 January 2020") + " ".join(run_on) + " 110 states.\n",
          header("01 January 2021") + " ".join(changed) + " 111 states.\n")

    # Footnotes: n of them, each cited once; the new side inserts one at the front, renumbering them all.
    n = max(10, size // 60)
    body = " ".join(f"Statement {i} was made.[{i}]" for i in range(1, n + 1))
    notes = "\n".join(f"[{i}] Source number {i}, p. {i % 90 + 1}." for i in range(1, n + 1))
    body2 = "A new statement was made.[1] " + " ".join(f"Statement {i} was made.[{i + 1}]" for i in range(1, n + 1))
    notes2 = "[1] A new source.\n" + "\n".join(f"[{i + 1}] Source number {i}, p. {i % 90 + 1}." for i in range(1, n + 1))
    write(folder, "renumbered-footnotes", header("01 January 2020") + body + "\n\n" + notes + "\n",
          header("01 January 2021") + body2 + "\n\n" + notes2 + "\n")

    # Abbreviations and initials that never end a sentence: "e.g. U.S. No. 5 Vol. 2 p. 3 J. R. R." over and over.
    storm = " ".join(rng.choice(["e.g.", "U.S.", "No.", "Vol.", "p.", "J.", "R.", "i.e.", "St.", "Dr.", "U.K.", "5.5", "“U.N.”"]) for _ in range(size // 5))
    storm2 = storm.replace("Vol.", "vol.", 3)
    write(folder, "abbreviation-storm", header("01 January 2020") + storm + " end.\n", header("01 January 2021") + storm2 + " end.\n")

    # Many short sentences in one paragraph, half of them reworded: a lot of pairing work.
    sentences = [f"In {2000 + i % 20} the state destroyed {i * 7} submunitions in area {i}." for i in range(size // 60)]
    reworded = [s.replace("destroyed", "cleared") if i % 2 else s for i, s in enumerate(sentences)]
    rng.shuffle(reworded)
    write(folder, "shuffled-rewordings", header("01 January 2020") + " ".join(sentences) + "\n",
          header("01 January 2021") + " ".join(reworded) + "\n")

if __name__ == "__main__":
    main()
