//! A unified diff of two texts (`--dry-run`), three lines of context, as `diff -u` prints it.

use std::fmt::Write as _;

/// `--- a/name` / `+++ b/name` and the hunks; empty when the texts are equal.
pub fn unified(name: &str, before: &str, after: &str) -> String {
    let a: Vec<&str> = before.lines().collect();
    let b: Vec<&str> = after.lines().collect();
    let ops = script(&a, &b);
    if ops.iter().all(|op| matches!(op, Op::Same(..))) {
        return String::new();
    }
    let (a_name, b_name) = if name.starts_with('/') {
        (name.to_owned(), name.to_owned())
    } else {
        (format!("a/{name}"), format!("b/{name}"))
    };
    let mut out = format!("--- {a_name}\n+++ {b_name}\n");
    let changed: Vec<usize> = (0..ops.len())
        .filter(|&i| !matches!(ops[i], Op::Same(..)))
        .collect();
    let mut i = 0;
    while i < changed.len() {
        let start = changed[i].saturating_sub(3);
        let mut end = (changed[i] + 4).min(ops.len());
        while i + 1 < changed.len() && changed[i + 1] < end + 3 {
            i += 1;
            end = (changed[i] + 4).min(ops.len());
        }
        let (mut a_start, mut b_start) = (None, None);
        let (mut a_len, mut b_len) = (0, 0);
        let mut body = String::new();
        for op in &ops[start..end] {
            match *op {
                Op::Same(x, y) => {
                    a_start.get_or_insert(x);
                    b_start.get_or_insert(y);
                    a_len += 1;
                    b_len += 1;
                    let _ = writeln!(body, " {}", a[x]);
                }
                Op::Delete(x, y) => {
                    a_start.get_or_insert(x);
                    b_start.get_or_insert(y);
                    a_len += 1;
                    let _ = writeln!(body, "-{}", a[x]);
                }
                Op::Insert(x, y) => {
                    a_start.get_or_insert(x);
                    b_start.get_or_insert(y);
                    b_len += 1;
                    let _ = writeln!(body, "+{}", b[y]);
                }
            }
        }
        let from = |s: Option<usize>, len: usize| s.map_or(0, |s| s + usize::from(len > 0));
        let _ = writeln!(
            out,
            "@@ -{},{a_len} +{},{b_len} @@",
            from(a_start, a_len),
            from(b_start, b_len)
        );
        out.push_str(&body);
        i += 1;
    }
    out
}

/// One step of the edit script, with the positions in both texts it is at.
#[derive(Clone, Copy)]
enum Op {
    Same(usize, usize),
    Delete(usize, usize),
    Insert(usize, usize),
}

/// The shortest edit script by longest common subsequence (spec files are small).
fn script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut ops = Vec::new();
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push(Op::Same(i, j));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(Op::Delete(i, j));
            i += 1;
        } else {
            ops.push(Op::Insert(i, j));
            j += 1;
        }
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::unified;

    #[test]
    fn shows_one_hunk_with_context() {
        let before = "a\nb\nc\nd\ne\nf\ng\n";
        let after = "a\nb\nc\nX\ne\nf\ng\n";
        assert_eq!(
            unified("f.yaml", before, after),
            "--- a/f.yaml\n+++ b/f.yaml\n@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+X\n e\n f\n g\n"
        );
        assert_eq!(unified("f.yaml", before, before), "");
    }
}
