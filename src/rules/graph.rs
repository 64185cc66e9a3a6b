//! Cycle detection for alignment links (O007) and the strategy map (B006):
//! one linear depth-first walk over an adjacency list.

/// Every cycle closed by a back edge, as the node path from the edge's target
/// around to it again, with the index of the closing edge in `edges[last]`.
/// Linear in nodes + edges.
pub fn cycles(edges: &[Vec<usize>]) -> Vec<(Vec<usize>, usize)> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut mark = vec![Mark::New; edges.len()];
    let mut found = Vec::new();
    for root in 0..edges.len() {
        if mark[root] != Mark::New {
            continue;
        }
        // The path of open nodes, each with the next edge to follow.
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        mark[root] = Mark::Open;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let Some(&to) = edges[node].get(*next) else {
                mark[node] = Mark::Done;
                stack.pop();
                continue;
            };
            let edge = *next;
            *next += 1;
            match mark.get(to).copied() {
                Some(Mark::New) => {
                    mark[to] = Mark::Open;
                    stack.push((to, 0));
                }
                Some(Mark::Open) => {
                    let from = stack.iter().position(|&(n, _)| n == to).unwrap_or(0);
                    let path = stack[from..].iter().map(|&(n, _)| n).collect();
                    found.push((path, edge));
                }
                _ => {}
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::cycles;

    #[test]
    fn finds_each_cycle_once() {
        assert!(cycles(&[vec![1], vec![2], vec![]]).is_empty());
        assert_eq!(cycles(&[vec![1], vec![0]]), vec![(vec![0, 1], 0)]);
        assert_eq!(cycles(&[vec![0]]), vec![(vec![0], 0)]);
        let two = cycles(&[vec![1], vec![0, 2], vec![1]]);
        assert_eq!(two.len(), 2);
    }

    #[test]
    fn deep_chains_do_not_recurse() {
        let n = 200_000;
        let mut edges: Vec<Vec<usize>> = (0..n).map(|i| vec![i + 1]).collect();
        edges[n - 1] = vec![0];
        assert_eq!(cycles(&edges).len(), 1);
    }
}
